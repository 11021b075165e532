use std::collections::{BTreeSet, HashMap};

/// Login sessions that expire after an idle time; times are seconds passed in by the caller.
struct SessionStore {
    users: HashMap<String, String>,
    last_seen: HashMap<String, i64>,
    idle_seconds: i64,
    issued: i32,
}

impl SessionStore {
    fn new(idle_seconds: i64) -> SessionStore {
        if idle_seconds <= 0 {
            panic!("idle time must be positive");
        }
        SessionStore { users: HashMap::new(), last_seen: HashMap::new(), idle_seconds, issued: 0 }
    }

    fn login(&mut self, user: &str, now: i64) -> String {
        let name = user.trim_matches(' ');
        if name.is_empty() {
            panic!("user required");
        }
        self.issued += 1;
        let stem: String = name.chars().map(|c| if c == ' ' { '_' } else { c.to_ascii_lowercase() }).collect();
        let token = format!("{}-{}", stem, self.issued);
        self.users.insert(token.clone(), name.to_string());
        self.last_seen.insert(token.clone(), now);
        token
    }

    fn touch(&mut self, token: &str, now: i64) -> String {
        match self.last_seen.get(token).copied() {
            Some(seen) if now - seen <= self.idle_seconds => {
                self.last_seen.insert(token.to_string(), seen.max(now));
                self.users[token].clone()
            }
            _ => {
                self.logout(token);
                panic!("session {} expired", token);
            }
        }
    }

    fn logout(&mut self, token: &str) -> bool {
        self.last_seen.remove(token);
        self.users.remove(token).is_some()
    }

    fn sweep(&mut self, now: i64) -> i32 {
        let expired: Vec<String> = self
            .last_seen
            .iter()
            .filter(|(_, &seen)| now - seen > self.idle_seconds)
            .map(|(token, _)| token.clone())
            .collect();
        for token in &expired {
            self.logout(token);
        }
        expired.len() as i32
    }

    fn active_users(&self) -> Vec<String> {
        self.users.values().cloned().collect::<BTreeSet<_>>().into_iter().collect()
    }

    fn active(&self) -> i32 {
        self.users.len() as i32
    }
}
