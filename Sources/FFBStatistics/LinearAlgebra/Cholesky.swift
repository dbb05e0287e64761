/// Solves A x = b for a symmetric positive definite A (given as rows) by Cholesky
/// factorisation; `nil` if A is not numerically positive definite or the shapes
/// do not match.
///
/// Cholesky needs no pivoting for such a matrix and is backward stable; the
/// reduced Stuart–Maxwell covariance of a connected group of levels is one.
func solvePositiveDefinite(_ matrix: [[Double]], _ rightHandSide: [Double]) -> [Double]? {
    let size = rightHandSide.count
    guard matrix.count == size, matrix.allSatisfy({ $0.count == size }) else { return nil }

    // Lower-triangular L with A = L Lᵀ.
    var lower = Array(repeating: Array(repeating: 0.0, count: size), count: size)
    for i in 0..<size {
        for j in 0...i {
            var sum = matrix[i][j]
            for k in 0..<j {
                sum -= lower[i][k] * lower[j][k]
            }
            if i == j {
                guard sum > 0 else { return nil }
                lower[i][i] = sum.squareRoot()
            } else {
                lower[i][j] = sum / lower[j][j]
            }
        }
    }
    // L y = b, then Lᵀ x = y.
    var y = rightHandSide
    for i in 0..<size {
        for k in 0..<i {
            y[i] -= lower[i][k] * y[k]
        }
        y[i] /= lower[i][i]
    }
    var x = y
    for i in stride(from: size - 1, through: 0, by: -1) {
        for k in (i + 1)..<size {
            x[i] -= lower[k][i] * x[k]
        }
        x[i] /= lower[i][i]
    }
    return x
}
