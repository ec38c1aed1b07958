import { createPinia, setActivePinia } from 'pinia'
import { beforeEach } from 'vitest'

// Every test starts as a new browser tab: nothing in sessionStorage (no session), fresh stores.
beforeEach(() => {
  sessionStorage.clear()
  setActivePinia(createPinia())
})

// jsdom lacks a few browser methods the app calls; give them harmless stand-ins.
window.scrollTo = () => {}
Element.prototype.scrollTo = function scrollTo() {}
