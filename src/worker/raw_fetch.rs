//! `fetch` without workers-rs' `Request`/`Response` wrappers. Converting a response into
//! `worker::Response` reads its `cf` and `webSocket` properties and streams the body through
//! wasm chunk by chunk; building a `worker::Request` reads `cf`, `method`, `url` and `headers`
//! back. On the two replay-store round trips and the origin call of every delivery that was
//! most of the worker's own CPU time (bench/edge.mjs profile), so these calls go straight to
//! the runtime.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// `target.fetch(url, init)`: `target` is the global scope or a Durable Object stub.
pub async fn fetch(
    target: &JsValue,
    url: &str,
    init: &web_sys::RequestInit,
) -> worker::Result<web_sys::Response> {
    let method: js_sys::Function =
        js_sys::Reflect::get(target, &JsValue::from_str("fetch"))?.dyn_into()?;
    let promise: js_sys::Promise = method
        .call2(target, &JsValue::from_str(url), init)?
        .dyn_into()?;
    Ok(JsFuture::from(promise).await?.dyn_into()?)
}

/// The response body as text.
pub async fn text(res: &web_sys::Response) -> worker::Result<String> {
    let value = JsFuture::from(res.text()?).await?;
    value
        .as_string()
        .ok_or_else(|| worker::Error::RustError("a response body was not text".to_owned()))
}

/// A POST with `body`.
pub fn post(body: &JsValue) -> web_sys::RequestInit {
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(body);
    init
}
