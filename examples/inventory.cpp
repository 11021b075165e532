#include <map>
#include <string>
#include <vector>
using namespace std;

// Restocking rules of a small inventory service.
int total_quantity(const vector<int>& quantities) {
    int total = 0;
    for (int q : quantities) {
        total += q;
    }
    return total;
}

vector<string> below_minimum(const map<string, int>& stock, int minimum) {
    vector<string> result;
    for (const auto& entry : stock) {
        if (entry.second < minimum) {
            result.push_back(entry.first);
        }
    }
    return result;
}

bool is_valid_sku(const string& sku) {
    if (sku.size() != 8) {
        return false;
    }
    for (char c : sku) {
        if (!isalnum(c)) {
            return false;
        }
    }
    return true;
}
