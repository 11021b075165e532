#include <map>
#include <string>
#include <vector>
using namespace std;

// items whose stock is below their minimum, with how many to order to reach twice the minimum
map<string, int> reorder_quantities(const map<string, int>& stock, const map<string, int>& minimum) {
    map<string, int> order;
    for (const auto& kv : minimum) {
        auto it = stock.find(kv.first);
        int have = it == stock.end() ? 0 : it->second;
        if (have < kv.second) order[kv.first] = 2 * kv.second - have;
    }
    return order;
}

int total_units(const map<string, int>& order) {
    int sum = 0;
    for (const auto& kv : order) sum += kv.second;
    return sum;
}
// ---- tests ----
#include <cassert>
int main() {
    map<string, int> stock = {{"bolt", 3}, {"nut", 10}, {"gear", 0}};
    map<string, int> minimum = {{"bolt", 5}, {"nut", 10}, {"gear", 2}, {"belt", 1}};
    map<string, int> order = reorder_quantities(stock, minimum);
    assert(order.size() == 3 && order["bolt"] == 7 && order["gear"] == 4 && order["belt"] == 2);
    assert(order.count("nut") == 0 && total_units(order) == 13);
    assert(reorder_quantities({}, {}).empty() && total_units({}) == 0);
    return 0;
}
