#include <stdexcept>
using namespace std;

bool is_leap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
    if (month < 1 || month > 12) throw out_of_range("month must be 1..12");
    if (month == 2) return is_leap(year) ? 29 : 28;
    if (month == 4 || month == 6 || month == 9 || month == 11) return 30;
    return 31;
}

int day_of_year(int year, int month, int day) {
    if (day < 1 || day > days_in_month(year, month)) throw out_of_range("no such day");
    int n = day;
    for (int m = 1; m < month; m++) n += days_in_month(year, m);
    return n;
}
// ---- tests ----
#include <cassert>
int main() {
    assert(is_leap(2024) && !is_leap(1900) && is_leap(2000) && !is_leap(2023));
    assert(days_in_month(2023, 2) == 28 && days_in_month(2024, 2) == 29 && days_in_month(2024, 4) == 30);
    assert(days_in_month(2024, 12) == 31 && days_in_month(2024, 1) == 31);
    assert(day_of_year(2024, 1, 1) == 1 && day_of_year(2024, 3, 1) == 61 && day_of_year(2023, 12, 31) == 365);
    int errors = 0;
    try { days_in_month(2024, 13); } catch (const out_of_range&) { errors++; }
    try { day_of_year(2023, 2, 29); } catch (const out_of_range&) { errors++; }
    try { day_of_year(2023, 1, 0); } catch (const out_of_range&) { errors++; }
    assert(errors == 3);
    return 0;
}
