// The browser moves the cursor to a field marked autofocus only when it first draws the page: a barcode
// scanned or typed the instant the page loads went to the page itself, and its first digits were lost.
// Run just after the field is read (views/partials/autofocus-now.ejs), this puts the cursor there before the page is drawn or takes a key.
document.querySelector('[autofocus]')?.focus();
