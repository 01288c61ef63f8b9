//! The provider catalogue: one descriptor per file, each citing the source its facts were
//! checked against. Everything else (verifier, signer, worker, npm package, playground) reads
//! these through [`crate::Provider`]. Adding a provider is its file plus one line below.

pub(crate) mod adobe_sign;
pub(crate) mod bitbucket;
pub(crate) mod boldsign;
pub(crate) mod calendly;
pub(crate) mod discord;
pub(crate) mod documenso;
pub(crate) mod docusign;
pub(crate) mod dropbox_sign;
pub(crate) mod github;
pub(crate) mod gitlab;
pub(crate) mod hubspot;
pub(crate) mod intercom;
pub(crate) mod jira;
pub(crate) mod lemon_squeezy;
pub(crate) mod linear;
pub(crate) mod mailgun;
pub(crate) mod meta;
pub(crate) mod paddle;
pub(crate) mod pandadoc;
pub(crate) mod razorpay;
pub(crate) mod sendgrid;
pub(crate) mod sentry;
pub(crate) mod shopify;
pub(crate) mod signwell;
pub(crate) mod slack;
pub(crate) mod square;
pub(crate) mod stripe;
pub(crate) mod svix;
pub(crate) mod twilio;
pub(crate) mod twitch;
pub(crate) mod typeform;
pub(crate) mod vercel;
pub(crate) mod workos;
pub(crate) mod yousign;
pub(crate) mod zoho_sign;
pub(crate) mod zoom;

/// Generates [`Provider`] (one variant per descriptor, plus `Custom`), `Provider::ALL` and
/// `Provider::scheme` from one list, so that the three can never disagree.
macro_rules! catalogue {
    ($($(#[$doc:meta])* $variant:ident => $scheme:path,)*) => {
        /// A provider whose webhooks hookguard verifies.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Provider {
            $($(#[$doc])* $variant,)*
            /// `custom`: a provider hookguard does not know yet, described by the options'
            /// `scheme` (docs/CUSTOM.md). Not in [`Provider::ALL`], which lists the catalogue.
            Custom,
        }

        impl Provider {
            /// Every provider, in catalogue order.
            pub const ALL: [Provider; [$(stringify!($variant)),*].len()] =
                [$(Provider::$variant),*];

            /// This provider's descriptor. For [`Provider::Custom`] a placeholder: the
            /// options' `scheme` is the descriptor (see `Verifier::scheme`).
            pub const fn scheme(self) -> &'static crate::scheme::Scheme {
                match self {
                    $(Provider::$variant => &$scheme,)*
                    Provider::Custom => &crate::custom::CUSTOM,
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
    /// GitLab: the secret token in `X-Gitlab-Token` (the signing token is Standard Webhooks).
    Gitlab => gitlab::GITLAB,
    /// Bitbucket Cloud: `X-Hub-Signature: sha256=` HMAC of the body.
    Bitbucket => bitbucket::BITBUCKET,
    /// Jira Cloud admin webhooks: `X-Hub-Signature: sha256=` HMAC of the body.
    Jira => jira::JIRA,
    /// Intercom: `X-Hub-Signature: sha1=` HMAC-SHA1 of the body.
    Intercom => intercom::INTERCOM,
    /// Typeform: `sha256=` + base64 HMAC of the body.
    Typeform => typeform::TYPEFORM,
    /// Meta: `X-Hub-Signature-256: sha256=` HMAC of the body, keyed with the App Secret.
    Meta => meta::META,
    /// Sentry: hex HMAC of the body in `Sentry-Hook-Signature`.
    Sentry => sentry::SENTRY,
    /// Lemon Squeezy: hex HMAC of the body in `X-Signature`.
    LemonSqueezy => lemon_squeezy::LEMON_SQUEEZY,
    /// Razorpay: hex HMAC of the body in `X-Razorpay-Signature`.
    Razorpay => razorpay::RAZORPAY,
    /// Yousign: `X-Yousign-Signature-256: sha256=` HMAC of the body.
    Yousign => yousign::YOUSIGN,
    /// Zoho Sign: base64 HMAC of the body in `X-ZS-WEBHOOK-SIGNATURE`.
    ZohoSign => zoho_sign::ZOHO_SIGN,
    /// Documenso: the secret in `X-Documenso-Secret`.
    Documenso => documenso::DOCUMENSO,
    /// Slack: `v0=` HMAC of `v0:{timestamp}:{body}`; JSON events and form-encoded commands.
    Slack => slack::SLACK,
    /// Zoom: `v0=` HMAC of `v0:{timestamp}:{body}` with the Secret Token.
    Zoom => zoom::ZOOM,
    /// Discord: Ed25519 over `{timestamp}{body}`, checked with the application's public key.
    Discord => discord::DISCORD,
    /// SendGrid's signed Event Webhook: ECDSA P-256 over `{timestamp}{body}`.
    Sendgrid => sendgrid::SENDGRID,
    /// Paddle Billing: `ts=…;h1=…` over `{ts}:{body}`, 5 s past-only.
    Paddle => paddle::PADDLE,
    /// Calendly: `t=…,v1=…` over `{t}.{body}`.
    Calendly => calendly::CALENDLY,
    /// WorkOS: `t=<ms>, v1=…` over `{t}.{body}`.
    Workos => workos::WORKOS,
    /// DocuSign Connect: base64 HMAC of the body in numbered headers, one per HMAC key.
    Docusign => docusign::DOCUSIGN,
    /// BoldSign: `t=…, s0=…[, s1=…]` over `{t}.{body}`.
    Boldsign => boldsign::BOLDSIGN,
    /// Twitch EventSub: `sha256=` HMAC of `{id}{timestamp}{body}`, RFC 3339 timestamps.
    Twitch => twitch::TWITCH,
    /// Linear: hex HMAC of the body, `webhookTimestamp` (ms) in the body.
    Linear => linear::LINEAR,
    /// Vercel: hex HMAC-SHA1 of the body in `x-vercel-signature`.
    Vercel => vercel::VERCEL,
    /// Twilio: base64 HMAC-SHA1 of the URL and the sorted form parameters (`bodySHA256` for
    /// JSON bodies).
    Twilio => twilio::TWILIO,
    /// Square: base64 HMAC of the notification URL and the body.
    Square => square::SQUARE,
    /// HubSpot v3: base64 HMAC of method, URI, body and the millisecond timestamp.
    Hubspot => hubspot::HUBSPOT,
    /// PandaDoc: hex HMAC of the body in the URL's `?signature=`.
    Pandadoc => pandadoc::PANDADOC,
    /// Mailgun: hex HMAC of the body's `signature.timestamp` and `token` (body not signed).
    Mailgun => mailgun::MAILGUN,
    /// Dropbox Sign: hex HMAC of `event_time` and `event_type` in the body (body not signed).
    DropboxSign => dropbox_sign::DROPBOX_SIGN,
    /// SignWell: hex HMAC of `{type}@{time}` keyed with the webhook id (body not signed).
    Signwell => signwell::SIGNWELL,
    /// Adobe Acrobat Sign: the application's client id in `X-AdobeSign-ClientId`, echoed
    /// back on every request (no signature).
    AdobeSign => adobe_sign::ADOBE_SIGN,
}
