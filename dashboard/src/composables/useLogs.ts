import { listLogs, type LogQuery } from '@/api/logs'
import { useRequest } from './useRequest'

/** One page of logs with its loading and error state (see useRequest). */
export function useLogs() {
  const { data: result, loading, error, load } = useRequest((query: LogQuery, signal) => listLogs(query, signal))
  return { result, loading, error, load }
}
