import { http } from './http'
import type { CurrentUser, TokenResponse } from './types'

/** `POST /login`. A wrong username or password is an ApiError with status 401. */
export function login(username: string, password: string): Promise<TokenResponse> {
  return http.post<TokenResponse>('/login', { username, password }, { auth: false })
}

/** `GET /me`: the signed-in user and their roles. */
export function me(): Promise<CurrentUser> {
  return http.get<CurrentUser>('/me')
}
