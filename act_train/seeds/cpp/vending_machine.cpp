#include <map>
#include <stdexcept>
#include <string>
using namespace std;

class VendingMachine {
    map<string, int> stock;
    map<string, int> prices;
    int credit = 0;
    int sales = 0;
public:
    void load(const string& item, int count, int price) {
        if (count <= 0 || price <= 0) throw invalid_argument("count and price must be positive");
        stock[item] += count;
        prices[item] = price;
    }
    void insert(int cents) {
        if (cents != 5 && cents != 10 && cents != 25 && cents != 100) throw invalid_argument("coin not accepted");
        credit += cents;
    }
    // returns the change and resets the credit
    int buy(const string& item) {
        auto it = stock.find(item);
        if (it == stock.end() || it->second == 0) throw runtime_error(item + " is sold out");
        int price = prices[item];
        if (credit < price) throw runtime_error("insert " + to_string(price - credit) + " more");
        it->second--;
        sales += price;
        int change = credit - price;
        credit = 0;
        return change;
    }
    int credit_left() const { return credit; }
    int total_sales() const { return sales; }
};
// ---- tests ----
#include <cassert>
int main() {
    VendingMachine m;
    m.load("chips", 1, 65);
    m.load("gum", 2, 25);
    m.insert(100);
    assert(m.credit_left() == 100);
    assert(m.buy("chips") == 35 && m.credit_left() == 0 && m.total_sales() == 65);
    int errors = 0;
    try { m.buy("chips"); } catch (const runtime_error&) { errors++; }
    m.insert(10);
    try { m.buy("gum"); } catch (const runtime_error&) { errors++; }
    try { m.insert(3); } catch (const invalid_argument&) { errors++; }
    try { m.load("x", 0, 5); } catch (const invalid_argument&) { errors++; }
    assert(errors == 4 && m.credit_left() == 10);
    m.insert(5); m.insert(10);
    assert(m.buy("gum") == 0 && m.total_sales() == 90);
    return 0;
}
