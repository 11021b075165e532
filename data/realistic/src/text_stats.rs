use std::collections::HashMap;

/// Statistics over documents fed one at a time: words are runs of letters and digits, compared lower-cased.
struct TextStats {
    counts: HashMap<String, i32>,
    words: i32,
    sentences: i32,
    documents: i32,
}

impl TextStats {
    fn new() -> TextStats {
        TextStats { counts: HashMap::new(), words: 0, sentences: 0, documents: 0 }
    }

    fn feed(&mut self, text: &str) {
        self.documents += 1;
        let mut word = String::new();
        for c in text.chars().chain(std::iter::once(' ')) {
            if c.is_ascii_alphanumeric() {
                word.push(c.to_ascii_lowercase());
                continue;
            }
            if !word.is_empty() {
                *self.counts.entry(std::mem::take(&mut word)).or_insert(0) += 1;
                self.words += 1;
            }
            if c == '.' || c == '!' || c == '?' {
                self.sentences += 1;
            }
        }
    }

    fn word_count(&self) -> i32 {
        self.words
    }

    fn distinct_words(&self) -> i32 {
        self.counts.len() as i32
    }

    fn count_of(&self, word: &str) -> i32 {
        self.counts.get(&word.to_ascii_lowercase()).copied().unwrap_or(0)
    }

    fn longest_word(&self) -> String {
        let mut best = String::new();
        for w in self.counts.keys() {
            if w.len() > best.len() || (w.len() == best.len() && *w < best) {
                best = w.clone();
            }
        }
        best
    }

    fn most_common(&self, n: i32) -> Vec<String> {
        let mut all: Vec<(&String, &i32)> = self.counts.iter().collect();
        all.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        all.into_iter().take(n.max(0) as usize).map(|(w, _)| w.clone()).collect()
    }

    /// Words per sentence in tenths, rounded half up.
    fn summary(&self) -> String {
        let tenths = if self.sentences == 0 {
            self.words as i64 * 10
        } else {
            (self.words as f64 * 10.0 / self.sentences as f64).round() as i64
        };
        format!("{} documents, {} words, {} sentences, {}.{} words per sentence",
                self.documents, self.words, self.sentences, tenths / 10, tenths % 10)
    }
}
