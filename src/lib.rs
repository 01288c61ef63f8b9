#![doc = include_str!("../README.md")]
#![cfg_attr(
    test,
    allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

#[cfg(feature = "asymmetric")]
pub mod asymmetric;
#[cfg(not(feature = "asymmetric"))]
#[path = "asymmetric_off.rs"]
mod asymmetric;
pub mod catalogue;
mod codec;
mod custom;
mod envelope;
mod error;
mod form;
pub mod handshake;
mod headers;
mod json;
mod multipart;
mod providers;
#[cfg(any(test, feature = "worker"))]
mod record;
pub mod scheme;
mod sign;
mod time;
mod url;
mod verify;

#[cfg(feature = "js")]
mod js;

#[cfg(feature = "worker")]
mod worker;

pub use custom::{
    CustomScheme, MAX_DESCRIPTOR_BYTES, MAX_DESCRIPTORS, MAX_NAME_BYTES, MAX_TEMPLATE_PARTS,
};
pub use error::{Error, ErrorCode};
pub use handshake::HandshakeResponse;
pub use headers::{HeaderSource, Lookup};
pub use scheme::{Provider, Scheme};
pub use sign::{SignRequest, Signed, iso8601, sign, standard_webhooks_headers};
pub use verify::{
    DEFAULT_MAX_BODY_BYTES, MAX_EVENT_AGE_SECONDS, MAX_SECRETS, MAX_TOLERANCE_SECONDS, Options,
    Report, RequestInfo, Step, Verified, Verifier,
};
