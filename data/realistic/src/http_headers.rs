use std::collections::HashMap;

fn lower(s: &str) -> String {
    s.to_ascii_lowercase()
}

fn check_name(name: &str) {
    if name.is_empty() {
        panic!("empty header name");
    }
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        panic!("bad header name: {}", name);
    }
}

/// HTTP headers: names are case-insensitive, a name may repeat, the first spelling seen is kept; sorted by name.
struct HttpHeaders {
    spelling: HashMap<String, String>,
    values: HashMap<String, Vec<String>>,
}

impl HttpHeaders {
    fn new() -> HttpHeaders {
        HttpHeaders { spelling: HashMap::new(), values: HashMap::new() }
    }

    fn add(&mut self, name: &str, value: &str) {
        check_name(name);
        let key = lower(name);
        self.spelling.entry(key.clone()).or_insert_with(|| name.to_string());
        let trimmed = value.trim_matches(|c| c == ' ' || c == '\t' || c == '\n').to_string();
        self.values.entry(key).or_insert_with(Vec::new).push(trimmed);
    }

    fn set(&mut self, name: &str, value: &str) {
        self.remove(name);
        self.add(name, value);
    }

    fn remove(&mut self, name: &str) -> bool {
        self.spelling.remove(&lower(name));
        self.values.remove(&lower(name)).is_some()
    }

    fn get(&self, name: &str) -> String {
        self.values.get(&lower(name)).map(|list| list.join(", ")).unwrap_or_default()
    }

    fn content_length(&self) -> i32 {
        let raw = self.get("Content-Length");
        if raw.is_empty() {
            return -1;
        }
        let digits = raw.trim_start_matches(|c: char| c.is_ascii_whitespace());
        match digits.parse::<i32>() {
            Ok(n) => n,
            Err(_) => panic!("bad Content-Length: {}", raw),
        }
    }

    fn lines(&self) -> Vec<String> {
        let mut keys: Vec<&String> = self.values.keys().collect();
        keys.sort();
        let mut out = Vec::new();
        for key in keys {
            for v in &self.values[key] {
                out.push(format!("{}: {}", self.spelling[key], v));
            }
        }
        out
    }

    fn size(&self) -> i32 {
        self.values.len() as i32
    }
}
