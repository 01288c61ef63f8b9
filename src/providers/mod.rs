//! The provider catalogue: one descriptor per file, each citing the source its facts were
//! checked against. Everything else (verifier, signer, worker, npm package, playground) reads
//! these through [`crate::Provider`].

pub(crate) mod github;
pub(crate) mod shopify;
pub(crate) mod stripe;
pub(crate) mod svix;
