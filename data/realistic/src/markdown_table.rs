fn escape_cell(cell: &str) -> String {
    cell.trim_matches(|c| c == ' ' || c == '\t' || c == '\n').replace('|', "\\|").replace('\n', " ")
}

/// Builds a Markdown table: a header, rows padded to the header's width, columns aligned by their widest cell.
struct MarkdownTable {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl MarkdownTable {
    fn new(columns: &[String]) -> MarkdownTable {
        if columns.is_empty() {
            panic!("a table needs at least one column");
        }
        MarkdownTable { header: columns.iter().map(|c| escape_cell(c)).collect(), rows: Vec::new() }
    }

    fn line(&self, cells: &[String]) -> String {
        let mut out = String::from("|");
        for (i, cell) in cells.iter().enumerate() {
            let pad = self.width(i as i32) as usize - cell.len();
            out.push_str(&format!(" {}{} |", cell, " ".repeat(pad)));
        }
        out.push('\n');
        out
    }

    fn add_row(&mut self, cells: &[String]) -> i32 {
        if cells.len() > self.header.len() {
            panic!("too many cells");
        }
        let mut row = vec![String::new(); self.header.len()];
        for (i, cell) in cells.iter().enumerate() {
            row[i] = escape_cell(cell);
        }
        self.rows.push(row);
        self.rows.len() as i32
    }

    fn width(&self, column: i32) -> i32 {
        if column < 0 || column as usize >= self.header.len() {
            panic!("column {}", column);
        }
        let c = column as usize;
        let widest = self.rows.iter().map(|r| r[c].len()).max().unwrap_or(0);
        3.max(self.header[c].len()).max(widest) as i32
    }

    fn render(&self) -> String {
        let rule: Vec<String> = (0..self.header.len()).map(|i| "-".repeat(self.width(i as i32) as usize)).collect();
        let mut out = self.line(&self.header) + &self.line(&rule);
        for row in &self.rows {
            out.push_str(&self.line(row));
        }
        out
    }

    fn row_count(&self) -> i32 {
        self.rows.len() as i32
    }
}
