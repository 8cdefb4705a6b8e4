// The system's zlib (Debian's zlib1g-dev; swift-nio-extras needs it already): gzip for static files.
#include <zlib.h>
