use std::collections::HashMap;

/// Renders {{name}} placeholders; a strict renderer refuses missing values.
struct TemplateRenderer {
    values: HashMap<String, String>,
    strict: bool,
    renders: i32,
}

fn trim(s: &str) -> String {
    s.trim_matches(|c| c == ' ' || c == '\t' || c == '\n').to_string()
}

impl TemplateRenderer {
    fn new(strict: bool) -> TemplateRenderer {
        TemplateRenderer { values: HashMap::new(), strict, renders: 0 }
    }

    fn set(&mut self, name: &str, value: &str) {
        if name.is_empty() {
            panic!("empty name");
        }
        self.values.insert(trim(name), value.to_string());
    }

    fn has(&self, name: &str) -> bool {
        self.values.contains_key(&trim(name))
    }

    fn render(&mut self, tpl: &str) -> String {
        let mut out = String::new();
        let mut i = 0;
        while i < tpl.len() {
            let open = match tpl[i..].find("{{") {
                Some(p) => p + i,
                None => {
                    out.push_str(&tpl[i..]);
                    break;
                }
            };
            let close = match tpl[open + 2..].find("}}") {
                Some(p) => p + open + 2,
                None => {
                    out.push_str(&tpl[i..]);
                    break;
                }
            };
            out.push_str(&tpl[i..open]);
            let name = trim(&tpl[open + 2..close]);
            match self.values.get(&name) {
                Some(value) => out.push_str(value),
                None if self.strict => panic!("no value for {}", name),
                None => {}
            }
            i = close + 2;
        }
        self.renders += 1;
        out
    }

    fn placeholders(&self, tpl: &str) -> i32 {
        let mut count = 0;
        let mut at = tpl.find("{{");
        while let Some(open) = at {
            let close = match tpl[open + 2..].find("}}") {
                Some(p) => p + open + 2,
                None => break,
            };
            count += 1;
            at = tpl[close + 2..].find("{{").map(|p| p + close + 2);
        }
        count
    }

    fn render_count(&self) -> i32 {
        self.renders
    }
}
