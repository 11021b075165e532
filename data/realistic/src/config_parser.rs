use std::collections::HashMap;

fn strip(s: &str) -> String {
    s.trim_matches(|c| c == ' ' || c == '\t' || c == '\r' || c == '\n').to_string()
}

fn lowered(s: &str) -> String {
    s.to_ascii_lowercase()
}

/// INI-style settings: "[section]" headers, "key = value" lines, '#' comments; keys read as section.key.
struct ConfigParser {
    settings: HashMap<String, String>,
    line_count: i32,
}

impl ConfigParser {
    fn new() -> ConfigParser {
        ConfigParser { settings: HashMap::new(), line_count: 0 }
    }

    fn load(&mut self, text: &str) {
        let mut section = String::new();
        for raw in text.lines() {
            self.line_count += 1;
            let line = strip(raw);
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with('[') {
                if !line.ends_with(']') || line.len() < 3 {
                    panic!("line {}: bad section", self.line_count);
                }
                section = lowered(&strip(&line[1..line.len() - 1]));
                continue;
            }
            let eq = match line.find('=') {
                Some(eq) if eq > 0 => eq,
                _ => panic!("line {}: expected key = value", self.line_count),
            };
            let key = lowered(&strip(&line[..eq]));
            let full = if section.is_empty() { key } else { format!("{}.{}", section, key) };
            self.settings.insert(full, strip(&line[eq + 1..]));
        }
    }

    fn get(&self, key: &str, fallback: &str) -> String {
        self.settings.get(&lowered(key)).cloned().unwrap_or_else(|| fallback.to_string())
    }

    fn get_int(&self, key: &str, fallback: i32) -> i32 {
        match self.settings.get(&lowered(key)) {
            None => fallback,
            Some(raw) => match raw.trim_start().parse::<i32>() {
                Ok(n) => n,
                Err(_) => panic!("{} is not a number: {}", key, raw),
            },
        }
    }

    fn get_bool(&self, key: &str) -> bool {
        matches!(lowered(&self.get(key, "")).as_str(), "true" | "yes" | "on" | "1")
    }

    fn keys(&self, section: &str) -> Vec<String> {
        let prefix = format!("{}.", lowered(section));
        let mut out: Vec<String> =
            self.settings.keys().filter(|k| k.starts_with(&prefix)).map(|k| k[prefix.len()..].to_string()).collect();
        out.sort();
        out
    }

    fn size(&self) -> i32 {
        self.settings.len() as i32
    }
}
