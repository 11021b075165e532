#include <map>
#include <stdexcept>
#include <string>
using namespace std;

class Ledger {
    map<string, long> balances;
    long transfers = 0;
public:
    void deposit(const string& account, long cents) {
        if (cents <= 0) throw invalid_argument("deposit must be positive");
        balances[account] += cents;
    }
    void transfer(const string& from, const string& to, long cents) {
        if (from == to) throw invalid_argument("same account");
        long have = balance(from);
        if (cents <= 0 || cents > have) throw runtime_error("insufficient funds in " + from);
        balances[from] = have - cents;
        balances[to] += cents;
        transfers++;
    }
    long balance(const string& account) const {
        auto it = balances.find(account);
        return it == balances.end() ? 0 : it->second;
    }
    long total() const {
        long sum = 0;
        for (const auto& kv : balances) sum += kv.second;
        return sum;
    }
    long transfer_count() const { return transfers; }
};
// ---- tests ----
#include <cassert>
int main() {
    Ledger l;
    l.deposit("a", 500);
    l.deposit("b", 100);
    l.transfer("a", "b", 200);
    assert(l.balance("a") == 300 && l.balance("b") == 300 && l.balance("z") == 0);
    assert(l.total() == 600 && l.transfer_count() == 1);
    l.transfer("b", "c", 300);
    assert(l.balance("b") == 0 && l.balance("c") == 300);
    int errors = 0;
    try { l.transfer("a", "b", 301); } catch (const runtime_error&) { errors++; }
    try { l.transfer("a", "a", 1); } catch (const invalid_argument&) { errors++; }
    try { l.deposit("a", 0); } catch (const invalid_argument&) { errors++; }
    try { l.transfer("a", "b", 0); } catch (const runtime_error&) { errors++; }
    assert(errors == 4 && l.total() == 600 && l.transfer_count() == 2);
    return 0;
}
