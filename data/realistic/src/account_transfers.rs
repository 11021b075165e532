use std::collections::HashMap;

/// Accounts keyed by id with balances in cents; transfers are all-or-nothing and kept in a journal.
struct AccountTransfers {
    balances: HashMap<String, i64>,
    journal: Vec<String>,
    overdraft_limit: i64,
}

impl AccountTransfers {
    fn new(overdraft_limit: i64) -> AccountTransfers {
        if overdraft_limit < 0 {
            panic!("negative overdraft limit");
        }
        AccountTransfers { balances: HashMap::new(), journal: Vec::new(), overdraft_limit }
    }

    fn open(&mut self, id: &str, cents: i64) {
        if self.balances.contains_key(id) {
            panic!("account {} exists", id);
        }
        if cents < 0 {
            panic!("negative opening balance");
        }
        self.balances.insert(id.to_string(), cents);
        self.journal.push(format!("open {} {}", id, cents));
    }

    fn balance(&self, id: &str) -> i64 {
        match self.balances.get(id) {
            Some(&cents) => cents,
            None => panic!("no account {}", id),
        }
    }

    fn transfer(&mut self, from: &str, to: &str, cents: i64) {
        if cents <= 0 {
            panic!("amount must be positive");
        }
        if from == to {
            panic!("same account");
        }
        let available = self.balance(from) + self.overdraft_limit;
        let target = self.balance(to);
        if cents > available {
            panic!("insufficient funds in {}", from);
        }
        *self.balances.get_mut(from).unwrap() -= cents;
        self.balances.insert(to.to_string(), target + cents);
        self.journal.push(format!("{} -> {} {}", from, to, cents));
    }

    fn total(&self) -> i64 {
        self.balances.values().sum()
    }

    fn overdrawn(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.balances.iter().filter(|(_, &c)| c < 0).map(|(id, _)| id.clone()).collect();
        ids.sort();
        ids
    }

    fn last_entries(&self, n: i32) -> Vec<String> {
        if n < 0 {
            panic!("negative count");
        }
        let from = self.journal.len().saturating_sub(n as usize);
        self.journal[from..].to_vec()
    }
}
