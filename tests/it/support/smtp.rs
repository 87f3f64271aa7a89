//! A real SMTP server on a free port inside the test process: it speaks EHLO, MAIL, RCPT,
//! DATA, RSET, NOOP and QUIT, keeps what it accepted, and can be told to refuse recipients
//! or to hold its answer to DATA (a mail server that is slow to say "accepted": the crash
//! test kills the sender while it waits).

use base64::Engine;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// One e-mail as it arrived.
#[derive(Debug, Clone)]
pub struct Mail {
    pub from: String,
    pub to: Vec<String>,
    /// Headers and body as sent (CRLF lines, dot-stuffing undone).
    pub raw: String,
}

impl Mail {
    /// A header's value (the first one named so), unfolded.
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.raw.split("\r\n\r\n").next().unwrap_or_default();
        let mut value: Option<String> = None;
        for line in head.split("\r\n") {
            if line.starts_with([' ', '\t']) {
                if let Some(v) = value.as_mut() {
                    v.push_str(line.trim_start());
                    continue;
                }
            } else if value.is_some() {
                break;
            }
            if let Some((n, v)) = line.split_once(':') {
                if n.eq_ignore_ascii_case(name) {
                    value = Some(v.trim().to_string());
                }
            }
        }
        value
    }

    /// The plain-text body, decoded (base64, quoted-printable, or as it came).
    pub fn text(&self) -> String {
        let body = self
            .raw
            .split_once("\r\n\r\n")
            .map(|(_, b)| b)
            .unwrap_or_default();
        let encoding = self
            .header("Content-Transfer-Encoding")
            .unwrap_or_default()
            .to_ascii_lowercase();
        match encoding.as_str() {
            "base64" => {
                let compact: String = body.split_whitespace().collect();
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(compact)
                    .expect("base64 body");
                String::from_utf8(bytes).expect("UTF-8 body")
            }
            "quoted-printable" => quoted_printable(body),
            _ => body.to_string(),
        }
    }
}

fn quoted_printable(s: &str) -> String {
    let s = s.replace("=\r\n", "");
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(b) = u8::from_str_radix(hex, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).expect("UTF-8 body")
}

#[derive(Default)]
struct State {
    accepted: Vec<Mail>,
    /// Mails whose DATA was received but never answered.
    held: Vec<Mail>,
    /// Accept this many mails, then hold every answer to DATA.
    hold_after: Option<usize>,
    /// Recipients answered 550.
    refuse: Vec<String>,
}

/// The sink: its address, what it accepted and held.
#[derive(Clone)]
pub struct SmtpSink {
    pub port: u16,
    state: Arc<Mutex<State>>,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind SMTP");
        let port = listener.local_addr().expect("addr").port();
        let state = Arc::new(Mutex::new(State::default()));
        let shared = state.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(session(socket, shared.clone()));
            }
        });
        SmtpSink { port, state }
    }

    /// `smtp://127.0.0.1:PORT` (plain: a local relay).
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn accepted(&self) -> Vec<Mail> {
        self.state.lock().expect("sink").accepted.clone()
    }

    pub fn held(&self) -> Vec<Mail> {
        self.state.lock().expect("sink").held.clone()
    }

    /// Accept `n` more mails, then hold the answer to DATA; `None` accepts everything.
    pub fn hold_after(&self, n: Option<usize>) {
        let mut s = self.state.lock().expect("sink");
        s.hold_after = n.map(|n| s.accepted.len() + n);
    }

    pub fn refuse(&self, address: &str) {
        self.state
            .lock()
            .expect("sink")
            .refuse
            .push(address.to_ascii_lowercase());
    }
}

fn address(arg: &str) -> String {
    let a = arg.split_once(':').map_or(arg, |(_, a)| a).trim();
    let a = a.split_whitespace().next().unwrap_or_default();
    a.trim_start_matches('<')
        .trim_end_matches('>')
        .to_ascii_lowercase()
}

async fn session(socket: tokio::net::TcpStream, state: Arc<Mutex<State>>) {
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read);
    if write.write_all(b"220 sink ESMTP\r\n").await.is_err() {
        return;
    }
    let mut from = String::new();
    let mut to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        match lines.read_line(&mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let cmd = line.trim_end();
        let verb = cmd
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let reply: String = match verb.as_str() {
            "EHLO" => "250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n".into(),
            "HELO" => "250 sink\r\n".into(),
            "MAIL" => {
                from = address(cmd);
                to.clear();
                "250 OK\r\n".into()
            }
            "RCPT" => {
                let a = address(cmd);
                if state.lock().expect("sink").refuse.contains(&a) {
                    "550 5.1.1 no such mailbox\r\n".into()
                } else {
                    to.push(a);
                    "250 OK\r\n".into()
                }
            }
            "DATA" => {
                if write.write_all(b"354 go on\r\n").await.is_err() {
                    return;
                }
                let mut raw = String::new();
                loop {
                    line.clear();
                    match lines.read_line(&mut line).await {
                        Ok(0) | Err(_) => return,
                        Ok(_) => {}
                    }
                    if line == ".\r\n" || line == ".\n" {
                        break;
                    }
                    let l = line.strip_prefix('.').unwrap_or(&line);
                    raw.push_str(l);
                }
                let mail = Mail {
                    from: from.clone(),
                    to: std::mem::take(&mut to),
                    raw,
                };
                let hold = {
                    let mut s = state.lock().expect("sink");
                    let hold = s.hold_after.is_some_and(|n| s.accepted.len() >= n);
                    if hold {
                        s.held.push(mail);
                    } else {
                        s.accepted.push(mail);
                    }
                    hold
                };
                if hold {
                    // Never answer: the sender waits until it gives up or is killed.
                    tokio::time::sleep(std::time::Duration::from_secs(600)).await;
                    return;
                }
                "250 2.0.0 accepted\r\n".into()
            }
            "RSET" => {
                to.clear();
                "250 OK\r\n".into()
            }
            "NOOP" => "250 OK\r\n".into(),
            "QUIT" => {
                let _ = write.write_all(b"221 bye\r\n").await;
                return;
            }
            _ => "502 not implemented\r\n".into(),
        };
        if write.write_all(reply.as_bytes()).await.is_err() {
            return;
        }
    }
}
