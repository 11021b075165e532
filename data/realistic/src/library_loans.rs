use std::collections::HashMap;

const LOAN_DAYS: i32 = 14;
const FINE_PER_DAY: i32 = 25;
const MAX_BOOKS: usize = 3;

/// Books lent to members: 14-day loans, 25 cents per late day, at most 3 books per member.
struct LibraryLoans {
    borrower: HashMap<String, String>,
    due_day: HashMap<String, i32>,
    fines: HashMap<String, i32>,
}

impl LibraryLoans {
    fn new() -> LibraryLoans {
        LibraryLoans { borrower: HashMap::new(), due_day: HashMap::new(), fines: HashMap::new() }
    }

    fn lend(&mut self, book: &str, member: &str, today: i32) {
        if self.borrower.contains_key(book) {
            panic!("{} is already lent", book);
        }
        if self.loans_of(member).len() >= MAX_BOOKS {
            panic!("{} has too many books", member);
        }
        self.borrower.insert(book.to_string(), member.to_string());
        self.due_day.insert(book.to_string(), today + LOAN_DAYS);
    }

    fn give_back(&mut self, book: &str, today: i32) -> i32 {
        let member = self.borrower.remove(book).unwrap_or_else(|| panic!("{} is not lent", book));
        let due = self.due_day.remove(book).unwrap_or(0);
        let fine = (today - due).max(0) * FINE_PER_DAY;
        if fine > 0 {
            *self.fines.entry(member).or_insert(0) += fine;
        }
        fine
    }

    fn loans_of(&self, member: &str) -> Vec<String> {
        let mut books: Vec<String> =
            self.borrower.iter().filter(|(_, who)| who.as_str() == member).map(|(book, _)| book.clone()).collect();
        books.sort();
        books
    }

    fn fine_of(&self, member: &str) -> i32 {
        self.fines.get(member).copied().unwrap_or(0)
    }

    fn pay_fine(&mut self, member: &str, cents: i32) {
        let owed = self.fine_of(member);
        if cents <= 0 || cents > owed {
            panic!("cannot pay {}", cents);
        }
        if cents == owed {
            self.fines.remove(member);
        } else {
            self.fines.insert(member.to_string(), owed - cents);
        }
    }

    fn is_lent(&self, book: &str) -> bool {
        self.borrower.contains_key(book)
    }

    fn overdue(&self, today: i32) -> Vec<String> {
        let mut late: Vec<String> =
            self.due_day.iter().filter(|(_, due)| **due < today).map(|(book, _)| book.clone()).collect();
        late.sort();
        late
    }
}
