//! The provider catalogue: one descriptor per file, each citing the source its facts were
//! checked against. Everything else (verifier, signer, worker, npm package, playground) reads
//! these through [`crate::Provider`]. Adding a provider is its file plus one line below.

pub(crate) mod boldsign;
pub(crate) mod docusign;
pub(crate) mod github;
pub(crate) mod linear;
pub(crate) mod shopify;
pub(crate) mod stripe;
pub(crate) mod svix;
pub(crate) mod twitch;

/// Generates [`Provider`] (one variant per descriptor), `Provider::ALL` and
/// `Provider::scheme` from one list, so that the three can never disagree.
macro_rules! catalogue {
    ($($(#[$doc:meta])* $variant:ident => $scheme:path,)*) => {
        /// A provider whose webhooks hookguard verifies.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Provider {
            $($(#[$doc])* $variant,)*
        }

        impl Provider {
            /// Every provider, in catalogue order.
            pub const ALL: [Provider; [$(stringify!($variant)),*].len()] =
                [$(Provider::$variant),*];

            /// This provider's descriptor.
            pub const fn scheme(self) -> &'static crate::scheme::Scheme {
                match self {
                    $(Provider::$variant => &$scheme,)*
                }
            }
        }
    };
}

catalogue! {
    /// inSigner: HMAC-SHA256 over the raw body, timestamp header, retries.
    Insigner => crate::scheme::INSIGNER,
    /// Inspakt: a static header token chosen by the customer; no signature, no retries.
    Inspakt => crate::scheme::INSPAKT,
    /// Standard Webhooks (Svix format): what the worker re-signs forwarded requests with.
    StandardWebhooks => crate::scheme::STANDARD_WEBHOOKS,
    /// Svix: Standard Webhooks with `svix-*` (or `webhook-*`) headers.
    Svix => svix::SVIX,
    /// Clerk (through Svix).
    Clerk => svix::CLERK,
    /// Resend (through Svix).
    Resend => svix::RESEND,
    /// Stripe: `t=…,v1=…` over `{t}.{body}`, the `whsec_` secret as UTF-8.
    Stripe => stripe::STRIPE,
    /// GitHub: `sha256=` HMAC of the body (legacy `sha1=`).
    Github => github::GITHUB,
    /// Shopify: base64 HMAC of the body.
    Shopify => shopify::SHOPIFY,
    /// DocuSign Connect: base64 HMAC of the body in numbered headers, one per HMAC key.
    Docusign => docusign::DOCUSIGN,
    /// BoldSign: `t=…, s0=…[, s1=…]` over `{t}.{body}`.
    Boldsign => boldsign::BOLDSIGN,
    /// Twitch EventSub: `sha256=` HMAC of `{id}{timestamp}{body}`, RFC 3339 timestamps.
    Twitch => twitch::TWITCH,
    /// Linear: hex HMAC of the body, `webhookTimestamp` (ms) in the body.
    Linear => linear::LINEAR,
}
