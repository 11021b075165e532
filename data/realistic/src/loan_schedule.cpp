#include <stdexcept>
#include <vector>
using namespace std;

// Fixed-payment loan schedule in integer cents (monthly interest in basis points).
class LoanSchedule {
    long long principal_cents;
    int monthly_rate_bps;
    int months;
    long long paid_cents = 0;
    int payments_made = 0;

public:
    LoanSchedule(long long principal_cents, int monthly_rate_bps, int months)
        : principal_cents(principal_cents), monthly_rate_bps(monthly_rate_bps), months(months) {
        if (principal_cents <= 0) throw invalid_argument("principal must be positive");
        if (monthly_rate_bps < 0 || months <= 0) throw invalid_argument("bad rate or term");
    }

    // interest owed this month on what is still outstanding, rounded down to a cent
    long long interest_due() const { return outstanding() * monthly_rate_bps / 10000; }

    long long outstanding() const { return principal_cents - paid_cents; }

    // the same principal share every month; the last payment takes whatever is left
    long long principal_share() const {
        if (payments_made == months - 1) return outstanding();
        return principal_cents / months;
    }

    long long pay() {
        if (payments_made >= months) throw logic_error("loan already repaid");
        long long share = principal_share();
        long long total = share + interest_due();
        paid_cents += share;
        payments_made++;
        return total;
    }

    int remaining_payments() const { return months - payments_made; }

    bool is_repaid() const { return payments_made == months; }

    vector<long long> preview(int count) const {
        vector<long long> totals;
        long long left = outstanding();
        for (int i = 0, made = payments_made; i < count && made < months; i++, made++) {
            long long share = made == months - 1 ? left : principal_cents / months;
            totals.push_back(share + left * monthly_rate_bps / 10000);
            left -= share;
        }
        return totals;
    }
};
