# Error pages of the web application (isomm-web, error.rs): what went wrong and what to do.

error-not-found = Not found.
error-link-gone = This link does not work: it was revoked, replaced by a new one, or copied only in part. Ask the person running the assessment for a new link.
error-csrf = This form is out of date. Reload the page and send it again.
error-bad-request = The request could not be processed.
error-too-large = The file is too large.
error-form-too-large = This form is larger than isomm accepts. Reload the page and send it again; if that does not help, shorten the notes.
error-bad-body = The form or file did not arrive whole. Send it again.
error-busy = The server is busy. Wait a moment and try again.
error-unavailable = The database does not answer. Wait a moment and try again.
error-misdirected-host = isomm does not answer at this address. Use the address the operator gave you (set with --public-url).
error-cross-origin = A form sent from another site is refused. Send it from isomm's own page.
error-login-needed = Log in first.
error-forbidden = Your access in this workspace does not allow this. Ask an owner of the workspace.
error-no-workspace = You are not working in a workspace. Ask a workspace's owner to add you, or ask an admin.
error-submitted = This sheet has been submitted and cannot be changed. Ask the assessor to reopen it.
error-submitted-reopen = This sheet is submitted. To change it, reopen it first, on the assessment's page or the sheet.
error-round-closed = This round is closed: it keeps the results it was closed with, and nothing of it changes any more. Answers now go to its next round.
error-incomparable = These two rounds cannot be compared: they were scored with different models (their functions or roles differ). Compare rounds of the same model.
error-too-many-attempts = Too many failed logins. Wait a while, then try again.
error-slow-down = Too many saves in a short time through this link. Wait a moment: the sheet saves again by itself.
error-timeout = The request took too long and was stopped. Send it again; if it happens again, try later or with a smaller file.
error-server = Something went wrong on the server.
# The limit of a refused file: $max is the size, as "2 MiB".
error-too-large-limit = at most { $max }
# Headings of the error pages.
error-title-not-found = Page not found
error-title-link-gone = This link does not work
error-title-submitted = The sheet is submitted
error-title-round-closed = This round is closed
error-title-refused = Not allowed
error-title-wait = Please wait and try again
error-title-server = Something went wrong in isomm
error-title-not-accepted = This could not be accepted
