//! The one error table shared by the Rust API, the JavaScript `error.code` and the worker's JSON
//! responses. Codes are never renamed and never reused.

use std::borrow::Cow;
use std::fmt;

/// Why a delivery (or a configuration) was rejected.
///
/// The string form ([`ErrorCode::as_str`]) is the stable, machine-readable code that JavaScript
/// sees as `error.code` and the worker returns in `{"error":{"code":…}}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// A required header is absent.
    MissingHeader,
    /// A header is present but unparsable (prefix, hex/base64, non-integer timestamp, duplicate).
    MalformedHeader,
    /// No configured secret produces the signature.
    SignatureMismatch,
    /// A static token header (Inspakt) does not match.
    TokenMismatch,
    /// The timestamp is older than the tolerance.
    TimestampTooOld,
    /// The timestamp is newer than now + tolerance.
    TimestampInFuture,
    /// An unsigned header disagrees with the signed body (inSigner event / delivery id).
    HeaderBodyMismatch,
    /// The body is not the provider's JSON envelope.
    InvalidPayload,
    /// The event is not in the configured allow-list.
    EventNotAllowed,
    /// The body is over the configured size limit.
    BodyTooLarge,
    /// The options are unusable (no secret, unknown provider, …).
    InvalidConfig,
}

impl ErrorCode {
    /// Every code, in the order of the table in the README.
    pub const ALL: [ErrorCode; 11] = [
        ErrorCode::MissingHeader,
        ErrorCode::MalformedHeader,
        ErrorCode::SignatureMismatch,
        ErrorCode::TokenMismatch,
        ErrorCode::TimestampTooOld,
        ErrorCode::TimestampInFuture,
        ErrorCode::HeaderBodyMismatch,
        ErrorCode::InvalidPayload,
        ErrorCode::EventNotAllowed,
        ErrorCode::BodyTooLarge,
        ErrorCode::InvalidConfig,
    ];

    /// The stable code, e.g. `"signature_mismatch"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::MissingHeader => "missing_header",
            ErrorCode::MalformedHeader => "malformed_header",
            ErrorCode::SignatureMismatch => "signature_mismatch",
            ErrorCode::TokenMismatch => "token_mismatch",
            ErrorCode::TimestampTooOld => "timestamp_too_old",
            ErrorCode::TimestampInFuture => "timestamp_in_future",
            ErrorCode::HeaderBodyMismatch => "header_body_mismatch",
            ErrorCode::InvalidPayload => "invalid_payload",
            ErrorCode::EventNotAllowed => "event_not_allowed",
            ErrorCode::BodyTooLarge => "body_too_large",
            ErrorCode::InvalidConfig => "invalid_config",
        }
    }

    /// The HTTP status the worker answers with for this code.
    pub const fn http_status(self) -> u16 {
        match self {
            ErrorCode::MissingHeader | ErrorCode::MalformedHeader | ErrorCode::InvalidPayload => {
                400
            }
            ErrorCode::SignatureMismatch
            | ErrorCode::TokenMismatch
            | ErrorCode::TimestampTooOld
            | ErrorCode::TimestampInFuture
            | ErrorCode::HeaderBodyMismatch => 401,
            ErrorCode::EventNotAllowed => 422,
            ErrorCode::BodyTooLarge => 413,
            ErrorCode::InvalidConfig => 500,
        }
    }

    /// When the code is used, in plain words (the README's table says the same).
    pub const fn description(self) -> &'static str {
        match self {
            ErrorCode::MissingHeader => "a required header is absent",
            ErrorCode::MalformedHeader => {
                "a header is present but unparsable (prefix, hex/base64, non-integer timestamp, repeated)"
            }
            ErrorCode::SignatureMismatch => "no configured secret produces the signature",
            ErrorCode::TokenMismatch => "the static token header does not match",
            ErrorCode::TimestampTooOld => "the timestamp is older than the tolerance",
            ErrorCode::TimestampInFuture => "the timestamp is newer than now + tolerance",
            ErrorCode::HeaderBodyMismatch => {
                "an unsigned header disagrees with the signed body (event / delivery id)"
            }
            ErrorCode::InvalidPayload => "the body is not the provider's JSON envelope",
            ErrorCode::EventNotAllowed => "the event is not in the allow-list",
            ErrorCode::BodyTooLarge => "the body is over the configured size limit",
            ErrorCode::InvalidConfig => {
                "the options are unusable (no secret, unknown provider, ...)"
            }
        }
    }

    /// Parses a stable code back into the enum.
    pub fn parse(code: &str) -> Option<ErrorCode> {
        ErrorCode::ALL.into_iter().find(|c| c.as_str() == code)
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rejection: a stable [`ErrorCode`] and a human-readable message.
///
/// Messages name headers and options but never contain a secret, a token or body bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    code: ErrorCode,
    message: Cow<'static, str>,
}

impl Error {
    /// A new error. Callers must not put secrets or body content into `message`.
    pub fn new(code: ErrorCode, message: impl Into<Cow<'static, str>>) -> Error {
        Error {
            code,
            message: message.into(),
        }
    }

    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The human-readable explanation.
    pub fn message(&self) -> &str {
        &self.message
    }

    pub(crate) fn config(message: impl Into<Cow<'static, str>>) -> Error {
        Error::new(ErrorCode::InvalidConfig, message)
    }

    pub(crate) fn payload(message: impl Into<Cow<'static, str>>) -> Error {
        Error::new(ErrorCode::InvalidPayload, message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            assert!(seen.insert(code.as_str()), "duplicate code {code}");
            assert_eq!(ErrorCode::parse(code.as_str()), Some(code));
        }
        assert_eq!(ErrorCode::parse("nope"), None);
    }

    #[test]
    fn statuses_follow_the_design_table() {
        assert_eq!(ErrorCode::MissingHeader.http_status(), 400);
        assert_eq!(ErrorCode::SignatureMismatch.http_status(), 401);
        assert_eq!(ErrorCode::EventNotAllowed.http_status(), 422);
        assert_eq!(ErrorCode::BodyTooLarge.http_status(), 413);
        assert_eq!(ErrorCode::InvalidConfig.http_status(), 500);
    }
}
