// jsdom lacks a few browser methods the app calls; give them harmless stand-ins.
window.scrollTo = () => {}
Element.prototype.scrollTo = function scrollTo() {}
