# The JSON API's error messages (`message` beside the `error` code), in the Accept-Language language.
api-error-bad-request = The request is malformed.
api-error-invalid-parameter = A query parameter has a value that is not allowed.
api-error-invalid-parameter-named = Parameter value not allowed: { $name }.
api-error-not-found = No such record or address.
api-error-forbidden = This action is not allowed.
api-error-login-required = Log in first.
api-error-csrf = The security check failed: the request came from another site, or the form has expired.
api-error-too-large = The request is too large.
api-error-internal = The server failed. If it happens again, give this code to the support team: { $id }
