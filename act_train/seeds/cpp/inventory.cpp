#include <map>
#include <stdexcept>
#include <string>
#include <vector>
using namespace std;

class Inventory {
    map<string, int> stock;
public:
    void add(const string& sku, int qty) {
        if (qty <= 0) throw invalid_argument("quantity must be positive");
        stock[sku] += qty;
    }
    int remove(const string& sku, int qty) {
        auto it = stock.find(sku);
        if (it == stock.end() || it->second < qty) throw out_of_range("not enough " + sku);
        it->second -= qty;
        return it->second;
    }
    int count(const string& sku) const {
        auto it = stock.find(sku);
        return it == stock.end() ? 0 : it->second;
    }
    vector<string> below(int minimum) const {
        vector<string> out;
        for (const auto& e : stock) if (e.second < minimum) out.push_back(e.first);
        return out;
    }
};
// ---- tests ----
#include <cassert>
int main() {
    Inventory inv;
    inv.add("apple", 5);
    inv.add("pear", 2);
    inv.add("apple", 1);
    assert(inv.count("apple") == 6);
    assert(inv.remove("apple", 4) == 2);
    assert(inv.count("plum") == 0);
    bool thrown = false;
    try { inv.remove("pear", 3); } catch (const out_of_range&) { thrown = true; }
    assert(thrown);
    vector<string> low = inv.below(3);
    assert(low.size() == 2 && low[0] == "apple" && low[1] == "pear");
    thrown = false;
    try { inv.add("fig", 0); } catch (const invalid_argument&) { thrown = true; }
    assert(thrown);
    return 0;
}
