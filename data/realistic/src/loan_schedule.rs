/// Fixed-payment loan schedule in integer cents (monthly interest in basis points).
struct LoanSchedule {
    principal_cents: i64,
    monthly_rate_bps: i32,
    months: i32,
    paid_cents: i64,
    payments_made: i32,
}

impl LoanSchedule {
    fn new(principal_cents: i64, monthly_rate_bps: i32, months: i32) -> LoanSchedule {
        if principal_cents <= 0 {
            panic!("principal must be positive");
        }
        if monthly_rate_bps < 0 || months <= 0 {
            panic!("bad rate or term");
        }
        LoanSchedule { principal_cents, monthly_rate_bps, months, paid_cents: 0, payments_made: 0 }
    }

    /// Interest owed this month on what is still outstanding, rounded down to a cent.
    fn interest_due(&self) -> i64 {
        self.outstanding() * self.monthly_rate_bps as i64 / 10000
    }

    fn outstanding(&self) -> i64 {
        self.principal_cents - self.paid_cents
    }

    /// The same principal share every month; the last payment takes whatever is left.
    fn principal_share(&self) -> i64 {
        if self.payments_made == self.months - 1 {
            return self.outstanding();
        }
        self.principal_cents / self.months as i64
    }

    fn pay(&mut self) -> i64 {
        if self.payments_made >= self.months {
            panic!("loan already repaid");
        }
        let share = self.principal_share();
        let total = share + self.interest_due();
        self.paid_cents += share;
        self.payments_made += 1;
        total
    }

    fn remaining_payments(&self) -> i32 {
        self.months - self.payments_made
    }

    fn is_repaid(&self) -> bool {
        self.payments_made == self.months
    }

    fn preview(&self, count: i32) -> Vec<i64> {
        let mut totals = Vec::new();
        let mut left = self.outstanding();
        let mut made = self.payments_made;
        let mut i = 0;
        while i < count && made < self.months {
            let share = if made == self.months - 1 { left } else { self.principal_cents / self.months as i64 };
            totals.push(share + left * self.monthly_rate_bps as i64 / 10000);
            left -= share;
            i += 1;
            made += 1;
        }
        totals
    }
}
