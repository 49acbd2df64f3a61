{
  "targets": [
    {
      "target_name": "groklab",
      "sources": [
        "src/kernels/native/addon.cc",
        "src/kernels/native/cpu.cc",
        "src/kernels/native/gemm.cc",
        "src/kernels/native/helper.cc",
        "src/kernels/native/isa-generic.cc",
        "src/kernels/native/isa-avx2.cc",
        "src/kernels/native/isa-avx512.cc",
        "src/kernels/native/recurrence.cc"
      ],
      "cflags_cc": ["-O3", "-ffp-contract=off", "-fno-math-errno", "-fno-trapping-math"],
      "xcode_settings": { "OTHER_CPLUSPLUSFLAGS": ["-O3", "-ffp-contract=off", "-fno-math-errno", "-fno-trapping-math"] }
    }
  ]
}
