/// A one-line text buffer with a cursor and an undo history of whole states.
struct UndoEditor {
    text: String,
    cursor: usize,
    undo_stack: Vec<(String, usize)>,
}

impl UndoEditor {
    fn new() -> UndoEditor {
        UndoEditor { text: String::new(), cursor: 0, undo_stack: Vec::new() }
    }

    fn remember(&mut self) {
        self.undo_stack.push((self.text.clone(), self.cursor));
    }

    fn r#type(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        self.remember();
        self.text.insert_str(self.cursor, s);
        self.cursor += s.len();
    }

    fn backspace(&mut self, n: i32) -> i32 {
        let removed = (n.max(0) as usize).min(self.cursor);
        if removed == 0 {
            return 0;
        }
        self.remember();
        self.text.replace_range(self.cursor - removed..self.cursor, "");
        self.cursor -= removed;
        removed as i32
    }

    fn move_to(&mut self, position: i32) {
        if position < 0 || position as usize > self.text.len() {
            panic!("position {}", position);
        }
        self.cursor = position as usize;
    }

    fn undo(&mut self) -> bool {
        match self.undo_stack.pop() {
            Some((text, cursor)) => {
                self.text = text;
                self.cursor = cursor;
                true
            }
            None => false,
        }
    }

    fn contents(&self) -> String {
        self.text.clone()
    }

    fn position(&self) -> i32 {
        self.cursor as i32
    }

    fn history(&self) -> i32 {
        self.undo_stack.len() as i32
    }

    fn render(&self) -> String {
        format!("{}|{}", &self.text[..self.cursor], &self.text[self.cursor..])
    }
}
