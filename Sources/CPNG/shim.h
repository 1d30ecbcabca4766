// libpng's write API behind one C function, `descent_png_encode`.
//
// libpng reports an error by longjmp-ing to the setjmp of whoever called it. Swift frames must
// never lie between the two (a longjmp skips their cleanup), so the setjmp, every libpng call
// and the callbacks libpng makes are all here, in C; Swift sees a status and a buffer.
#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/// What the encoder writes: `bytes` (malloc'd, the caller frees it) holds `count` bytes of PNG;
/// after a failure, `message` says what libpng or the allocator reported and `warning` holds
/// libpng's first warning (its IHDR check warns of each problem, then fails with "Invalid IHDR data").
typedef struct {
    unsigned char *bytes;
    size_t count;
    size_t capacity;
    char message[256];
    char warning[256];
} descent_png_output;

/// libpng's and zlib's settings; a negative value keeps libpng's default.
typedef struct {
    int filters;         // a mask of PNG_FILTER_NONE, _SUB, _UP, _AVG, _PAETH
    int level;           // zlib level, 0–9
    int strategy;        // Z_DEFAULT_STRATEGY, Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE
    int memory_level;    // zlib memLevel, 1–9
    int window_bits;     // zlib windowBits, 8–15
} descent_png_settings;

static void descent_png_error(png_structp png, png_const_charp message) {
    descent_png_output *output = (descent_png_output *)png_get_error_ptr(png);
    strncpy(output->message, message ? message : "unknown error", sizeof output->message - 1);
    output->message[sizeof output->message - 1] = 0;
    png_longjmp(png, 1);
}

static void descent_png_warning(png_structp png, png_const_charp message) {
    descent_png_output *output = (descent_png_output *)png_get_error_ptr(png);
    if (output->warning[0] || !message) return;
    strncpy(output->warning, message, sizeof output->warning - 1);
    output->warning[sizeof output->warning - 1] = 0;
}

static void descent_png_write(png_structp png, png_bytep data, size_t length) {
    descent_png_output *output = (descent_png_output *)png_get_io_ptr(png);
    if (length > output->capacity - output->count) {
        size_t capacity = output->capacity ? output->capacity : 65536;
        while (length > capacity - output->count) capacity *= 2;
        unsigned char *grown = (unsigned char *)realloc(output->bytes, capacity);
        if (!grown) png_error(png, "out of memory for the PNG's bytes");
        output->bytes = grown;
        output->capacity = capacity;
    }
    memcpy(output->bytes + output->count, data, length);
    output->count += length;
}

static void descent_png_flush(png_structp png) { (void)png; }

/// Encodes `height` rows of `stride` bytes, each `width` native-endian premultiplied ARGB32
/// pixels (Cairo's `CAIRO_FORMAT_ARGB32`), as 8-bit straight RGBA, or RGB when every pixel is
/// opaque. Writes IHDR, IDAT and IEND only: no time, text or gamma chunk, so the same pixels
/// and settings give the same bytes. Returns 0, or 1 with `output->message` set; either way
/// `output->bytes` is the caller's to free.
static inline int descent_png_encode(const unsigned char *pixels, int width, int height, size_t stride,
                                     descent_png_settings settings, descent_png_output *output) {
    // Cairo's rows are 4-byte aligned arrays of native-endian 32-bit pixels.
    int opaque = 1;
    for (int y = 0; y < height && opaque; y++) {
        const uint32_t *line = (const uint32_t *)(const void *)(pixels + (size_t)y * stride);
        uint32_t all = 0xFF000000u;
        for (int x = 0; x < width; x++) all &= line[x];
        opaque = (all >> 24) == 0xFF;
    }
    const int channels = opaque ? 3 : 4;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, output, descent_png_error, descent_png_warning);
    if (!png) {
        strcpy(output->message, "libpng could not start a PNG");
        return 1;
    }
    png_infop info = png_create_info_struct(png);
    unsigned char *row = (unsigned char *)malloc((size_t)width * 4 + 1);
    if (!info || !row) {
        strcpy(output->message, "out of memory for the PNG's rows");
        png_destroy_write_struct(&png, info ? &info : NULL);
        free(row);
        return 1;
    }
    // `png`, `info` and `row` are read after a longjmp, so none of them changes after setjmp.
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(row);
        return 1;
    }
    png_set_write_fn(png, output, descent_png_write, descent_png_flush);
    png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8,
                 opaque ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGB_ALPHA,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (settings.filters >= 0) png_set_filter(png, PNG_FILTER_TYPE_BASE, settings.filters);
    if (settings.level >= 0) png_set_compression_level(png, settings.level);
    if (settings.strategy >= 0) png_set_compression_strategy(png, settings.strategy);
    if (settings.memory_level >= 0) png_set_compression_mem_level(png, settings.memory_level);
    if (settings.window_bits >= 0) png_set_compression_window_bits(png, settings.window_bits);
    png_write_info(png, info);
    for (int y = 0; y < height; y++) {
        const uint32_t *line = (const uint32_t *)(const void *)(pixels + (size_t)y * stride);
        unsigned char *target = row;
        if (opaque) {
            for (int x = 0; x < width; x++) {
                uint32_t pixel = line[x];
                target[0] = (unsigned char)(pixel >> 16);
                target[1] = (unsigned char)(pixel >> 8);
                target[2] = (unsigned char)pixel;
                target += 3;
            }
        } else {
            for (int x = 0; x < width; x++) {
                uint32_t pixel = line[x];
                uint32_t alpha = pixel >> 24, red = (pixel >> 16) & 0xFF, green = (pixel >> 8) & 0xFF, blue = pixel & 0xFF;
                if (alpha != 0xFF && alpha != 0) {
                    // Undo premultiplication, rounding to nearest.
                    red = (red * 255 + alpha / 2) / alpha;
                    green = (green * 255 + alpha / 2) / alpha;
                    blue = (blue * 255 + alpha / 2) / alpha;
                    if (red > 255) red = 255;
                    if (green > 255) green = 255;
                    if (blue > 255) blue = 255;
                }
                target[0] = (unsigned char)red;
                target[1] = (unsigned char)green;
                target[2] = (unsigned char)blue;
                target[3] = (unsigned char)alpha;
                target += 4;
            }
        }
        png_write_row(png, row);
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    free(row);
    return 0;
}
