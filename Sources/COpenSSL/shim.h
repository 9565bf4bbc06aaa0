#ifndef CORRIDOR_COPENSSL_SHIM_H
#define CORRIDOR_COPENSSL_SHIM_H

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

/* Swift cannot call function-like macros; these wrap the few we need. */

/* sk_GENERAL_NAME_push is a type-checking macro over OPENSSL_sk_push.
   Returns the new stack size, or 0 on failure. */
static inline int corridor_sk_GENERAL_NAME_push(GENERAL_NAMES *names, GENERAL_NAME *name) {
    return sk_GENERAL_NAME_push(names, name);
}

/* BIO_get_mem_data is a macro over BIO_ctrl. Returns the number of bytes
   available and points *data at them (memory still owned by the BIO). */
static inline long corridor_BIO_get_mem_data(BIO *bio, char **data) {
    return BIO_get_mem_data(bio, data);
}

#endif
