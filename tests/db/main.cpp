#define BOOST_TEST_MODULE accountd database tests
#include <boost/test/unit_test.hpp>
