#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>
using namespace std;

class TransferError : public runtime_error {
public:
    explicit TransferError(const string& message) : runtime_error(message) {}
};

// Accounts keyed by id with balances in cents; transfers are all-or-nothing and kept in a journal.
class AccountTransfers {
    map<string, long long> balances;
    vector<string> journal;
    long long overdraft_limit;

public:
    explicit AccountTransfers(long long overdraft_limit) : overdraft_limit(overdraft_limit) {
        if (overdraft_limit < 0) throw invalid_argument("negative overdraft limit");
    }

    void open(const string& id, long long cents) {
        if (balances.count(id)) throw logic_error("account " + id + " exists");
        if (cents < 0) throw invalid_argument("negative opening balance");
        balances[id] = cents;
        journal.push_back("open " + id + " " + to_string(cents));
    }

    long long balance(const string& id) const {
        auto it = balances.find(id);
        if (it == balances.end()) throw TransferError("no account " + id);
        return it->second;
    }

    void transfer(const string& from, const string& to, long long cents) {
        if (cents <= 0) throw TransferError("amount must be positive");
        if (from == to) throw TransferError("same account");
        long long available = balance(from) + overdraft_limit;
        long long target = balance(to);
        if (cents > available) throw TransferError("insufficient funds in " + from);
        balances[from] -= cents;
        balances[to] = target + cents;
        journal.push_back(from + " -> " + to + " " + to_string(cents));
    }

    long long total() const {
        long long sum = 0;
        for (const auto& [id, cents] : balances) sum += cents;
        return sum;
    }

    vector<string> overdrawn() const {
        vector<string> ids;
        for (const auto& [id, cents] : balances)
            if (cents < 0) ids.push_back(id);
        return ids;
    }

    vector<string> last_entries(int n) const {
        if (n < 0) throw invalid_argument("negative count");
        size_t from = journal.size() > static_cast<size_t>(n) ? journal.size() - n : 0;
        return vector<string>(journal.begin() + from, journal.end());
    }
};
