#include <map>
#include <stdexcept>
#include <string>
using namespace std;

class Loyalty {
    map<string, long> points;
    map<string, string> tiers;
public:
    // one point per whole euro; gold members earn double
    long purchase(const string& member, long cents) {
        if (cents < 0) throw invalid_argument("negative purchase");
        long earned = cents / 100 * (tier(member) == "gold" ? 2 : 1);
        points[member] += earned;
        if (points[member] >= 1000) tiers[member] = "gold";
        else if (points[member] >= 200) tiers[member] = "silver";
        return earned;
    }
    bool redeem(const string& member, long amount) {
        if (amount <= 0) throw invalid_argument("nothing to redeem");
        if (balance(member) < amount) return false;
        points[member] -= amount;
        return true;
    }
    long balance(const string& member) const {
        auto it = points.find(member);
        return it == points.end() ? 0 : it->second;
    }
    string tier(const string& member) const {
        auto it = tiers.find(member);
        return it == tiers.end() ? "basic" : it->second;
    }
};
// ---- tests ----
#include <cassert>
int main() {
    Loyalty l;
    assert(l.purchase("ann", 19999) == 199 && l.tier("ann") == "basic");
    assert(l.purchase("ann", 100) == 1 && l.tier("ann") == "silver" && l.balance("ann") == 200);
    assert(l.purchase("ann", 80000) == 800 && l.tier("ann") == "gold");
    assert(l.purchase("ann", 1000) == 20 && l.balance("ann") == 1020);
    assert(l.redeem("ann", 1020) && !l.redeem("ann", 1) && l.balance("ann") == 0 && l.tier("ann") == "gold");
    assert(l.balance("bob") == 0 && l.tier("bob") == "basic" && l.purchase("bob", 99) == 0);
    int errors = 0;
    try { l.purchase("x", -1); } catch (const invalid_argument&) { errors++; }
    try { l.redeem("x", 0); } catch (const invalid_argument&) { errors++; }
    assert(errors == 2);
    return 0;
}
