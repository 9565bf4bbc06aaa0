import Kernel

/// Vouchers' documents and audit changes use the shared document JSON.
typealias VoucherCoding = DocumentJSON
