module @tables {
  memref.global constant @table : memref<4xf32> = dense<[1.0, 2.0, 3.0, 4.0]>

  func.func @lookup(%i: index) -> f32 {
    %t = memref.get_global @table : memref<4xf32>
    %v = memref.load %t[%i] : memref<4xf32>
    return %v : f32
  }
}
