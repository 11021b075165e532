#include <algorithm>
#include <cctype>
#include <set>
#include <stdexcept>
#include <string>
using namespace std;

static string normalize(const string& code) {
    string out;
    for (char c : code)
        if (c != ' ') out += static_cast<char>(toupper(static_cast<unsigned char>(c)));
    return out;
}

// Order totals in cents: volume tiers, one use per coupon, no discount under a floor.
class DiscountEngine {
    set<string> coupons;
    set<string> redeemed;
    long long minimum_cents;
    long long discount_given = 0;

public:
    explicit DiscountEngine(long long minimum_cents) : minimum_cents(minimum_cents) {}

    void add_coupon(const string& code) {
        string c = normalize(code);
        if (c.size() < 3) throw invalid_argument("coupon code too short");
        coupons.insert(c);
    }

    int tier_percent(int items) const {
        if (items >= 50) return 15;
        if (items >= 20) return 10;
        if (items >= 10) return 5;
        return 0;
    }

    long long total(long long unit_cents, int items) {
        if (unit_cents < 0 || items < 0) throw invalid_argument("negative price or quantity");
        long long gross = unit_cents * items;
        if (gross < minimum_cents) return gross;
        long long discount = gross * tier_percent(items) / 100;
        discount_given += discount;
        return gross - discount;
    }

    long long total_with_coupon(long long unit_cents, int items, const string& code) {
        string c = normalize(code);
        if (!coupons.count(c) || redeemed.count(c)) throw invalid_argument("invalid coupon " + code);
        long long net = total(unit_cents, items);
        long long off = min(net, 500LL);
        redeemed.insert(c);
        discount_given += off;
        return net - off;
    }

    bool is_redeemed(const string& code) const { return redeemed.count(normalize(code)) > 0; }

    long long discount_total() const { return discount_given; }

    int coupons_left() const { return static_cast<int>(coupons.size() - redeemed.size()); }
};
