#include <stdexcept>
#include <string>
#include <vector>
using namespace std;

class Pager {
    vector<string> items;
    size_t per_page;
public:
    Pager(const vector<string>& items, size_t per_page) : items(items), per_page(per_page) {
        if (per_page == 0) throw invalid_argument("page size must be positive");
    }
    size_t pages() const { return items.empty() ? 1 : (items.size() + per_page - 1) / per_page; }
    // pages are numbered from 1
    vector<string> page(size_t n) const {
        if (n < 1 || n > pages()) throw out_of_range("no page " + to_string(n));
        vector<string> out;
        for (size_t i = (n - 1) * per_page; i < items.size() && i < n * per_page; i++) out.push_back(items[i]);
        return out;
    }
    // "Showing 11-20 of 45"
    string label(size_t n) const {
        size_t first = (n - 1) * per_page + 1, count = page(n).size();
        if (count == 0) return "Showing 0 of 0";
        return "Showing " + to_string(first) + "-" + to_string(first + count - 1) + " of " + to_string(items.size());
    }
};
// ---- tests ----
#include <cassert>
int main() {
    vector<string> xs;
    for (int i = 1; i <= 5; i++) xs.push_back("item" + to_string(i));
    Pager p(xs, 2);
    assert(p.pages() == 3 && (p.page(3) == vector<string>{"item5"}));
    assert((p.page(1) == vector<string>{"item1", "item2"}) && p.label(2) == "Showing 3-4 of 5");
    assert(p.label(3) == "Showing 5-5 of 5");
    Pager empty({}, 10);
    assert(empty.pages() == 1 && empty.page(1).empty() && empty.label(1) == "Showing 0 of 0");
    int errors = 0;
    try { p.page(4); } catch (const out_of_range&) { errors++; }
    try { p.page(0); } catch (const out_of_range&) { errors++; }
    try { Pager bad(xs, 0); } catch (const invalid_argument&) { errors++; }
    assert(errors == 3);
    return 0;
}
