// The certificate's print button: a file of the site rather than inline code, so the page's policy
// (script-src 'self', no inline) lets it run. Without scripts the button stays hidden and the browser's
// own Print command does the same.
const button = document.getElementById("print-certificate");
if (button) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
  document.querySelector(".print-hint")?.setAttribute("hidden", "");
}
