/// One CSV dialect: a delimiter, double-quoted fields with "" for a quote; counts what it has parsed.
struct CsvLine {
    delimiter: char,
    parsed_lines: i32,
    parsed_fields: i32,
}

impl CsvLine {
    fn new(delimiter: char) -> CsvLine {
        if delimiter == '"' || delimiter == '\n' {
            panic!("bad delimiter");
        }
        CsvLine { delimiter, parsed_lines: 0, parsed_fields: 0 }
    }

    fn parse(&mut self, line: &str) -> Vec<String> {
        let chars: Vec<char> = line.chars().collect();
        let mut fields = Vec::new();
        let mut field = String::new();
        let (mut quoted, mut was_quoted) = (false, false);
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if quoted {
                if c == '"' && i + 1 < chars.len() && chars[i + 1] == '"' {
                    field.push('"');
                    i += 1;
                } else if c == '"' {
                    quoted = false;
                } else {
                    field.push(c);
                }
            } else if c == '"' && field.is_empty() && !was_quoted {
                quoted = true;
                was_quoted = true;
            } else if c == self.delimiter {
                fields.push(std::mem::take(&mut field));
                was_quoted = false;
            } else if was_quoted {
                panic!("text after a closing quote at {}", i);
            } else {
                field.push(c);
            }
            i += 1;
        }
        if quoted {
            panic!("unclosed quote");
        }
        fields.push(field);
        self.parsed_lines += 1;
        self.parsed_fields += fields.len() as i32;
        fields
    }

    fn format(&self, fields: &[String]) -> String {
        fields
            .iter()
            .map(|f| {
                let needs_quotes = f.contains(self.delimiter) || f.contains('"') || f.contains('\n')
                    || f.starts_with(' ') || f.ends_with(' ');
                if needs_quotes { format!("\"{}\"", f.replace('"', "\"\"")) } else { f.clone() }
            })
            .collect::<Vec<_>>()
            .join(&self.delimiter.to_string())
    }

    fn lines(&self) -> i32 {
        self.parsed_lines
    }

    fn fields(&self) -> i32 {
        self.parsed_fields
    }
}
