//! A real HTTP server (axum) standing in for an SMS gateway: it keeps every request (the
//! recipient and text from the URL, the idempotency key and the authorisation header) and
//! answers with the statuses a test scripts, 200 once the script runs out.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

/// One request as the gateway saw it.
#[derive(Debug, Clone)]
pub struct Sms {
    pub to: String,
    pub text: String,
    pub idempotency_key: String,
    pub auth: Option<String>,
}

#[derive(Default)]
struct Inner {
    received: Vec<Sms>,
    script: VecDeque<u16>,
}

#[derive(Clone)]
pub struct Gateway {
    pub port: u16,
    inner: Arc<Mutex<Inner>>,
}

/// The header the tests configure, as a gateway's key.
pub const AUTH: &str = "X-Api-Key: test-key";

impl Gateway {
    pub async fn start() -> Gateway {
        let inner = Arc::new(Mutex::new(Inner::default()));
        let app = Router::new()
            .route("/send", post(receive))
            .with_state(inner.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind gateway");
        let port = listener.local_addr().expect("addr").port();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Gateway { port, inner }
    }

    /// The URL template for `QATYSU_SMS_URL`.
    pub fn template(&self) -> String {
        format!(
            "http://127.0.0.1:{}/send?recipient={{to}}&message={{text}}",
            self.port
        )
    }

    /// Answer the next requests with these statuses.
    pub fn answer(&self, statuses: &[u16]) {
        self.inner
            .lock()
            .expect("gateway")
            .script
            .extend(statuses.iter().copied());
    }

    pub fn received(&self) -> Vec<Sms> {
        self.inner.lock().expect("gateway").received.clone()
    }
}

async fn receive(
    State(inner): State<Arc<Mutex<Inner>>>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> StatusCode {
    let header = |n: &str| {
        headers
            .get(n)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let mut i = inner.lock().expect("gateway");
    i.received.push(Sms {
        to: q.get("recipient").cloned().unwrap_or_default(),
        text: q.get("message").cloned().unwrap_or_default(),
        idempotency_key: header("idempotency-key").unwrap_or_default(),
        auth: header("x-api-key"),
    });
    let status = i.script.pop_front().unwrap_or(200);
    StatusCode::from_u16(status).unwrap_or(StatusCode::OK)
}
