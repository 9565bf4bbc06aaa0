#ifndef CORRIDOR_COPENSSL_SHIM_H
#define CORRIDOR_COPENSSL_SHIM_H

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <string.h>

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

/* Builds an EC public key (group name + encoded point) with EVP_PKEY_fromdata.
   OSSL_PARAM_utf8_string / OSSL_PARAM_octet_string / OSSL_PARAM_END and
   EVP_PKEY_PUBLIC_KEY are macros, and an OSSL_PARAM keeps its key and data by
   pointer, so the array is built here where the key literals are static and
   every pointer outlives the call. `ctx` must be EVP_PKEY_fromdata_init'ed.
   Returns 1 on success (OpenSSL checks that the point is on the curve). */
static inline int corridor_EVP_PKEY_fromdata_ec_public(EVP_PKEY_CTX *ctx, EVP_PKEY **pkey, const char *group,
                                                       const unsigned char *point, size_t length) {
    OSSL_PARAM params[] = {
        OSSL_PARAM_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, (char *)group, strlen(group)),
        OSSL_PARAM_octet_string(OSSL_PKEY_PARAM_PUB_KEY, (unsigned char *)point, length),
        OSSL_PARAM_END
    };
    return EVP_PKEY_fromdata(ctx, pkey, EVP_PKEY_PUBLIC_KEY, params);
}

#endif
