#include <iostream>

#include "app/cli.hpp"

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    return accountd::app::run_cli(args, std::cin, std::cout, std::cerr);
}
