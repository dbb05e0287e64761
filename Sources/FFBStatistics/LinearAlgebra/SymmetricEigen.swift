/// The eigenvalues and eigenvectors of a small symmetric matrix by cyclic Jacobi rotations:
/// `vectors[i][k]` is component i of the eigenvector of `values[k]`. Accurate to rounding for
/// the 5×5 matrices of the clustered Stuart–Maxwell test.
func symmetricEigen(_ matrix: [[Double]]) -> (values: [Double], vectors: [[Double]]) {
    let size = matrix.count
    var a = matrix
    var v = (0..<size).map { i in (0..<size).map { j in i == j ? 1.0 : 0.0 } }
    for _ in 0..<100 {
        var offDiagonal = 0.0
        for i in 0..<size { for j in 0..<size where i != j { offDiagonal += a[i][j] * a[i][j] } }
        let scale = a.joined().reduce(0.0) { $0 + $1 * $1 }
        if offDiagonal <= 1e-30 * scale || offDiagonal == 0 { break }
        for p in 0..<size {
            for q in (p + 1)..<size where a[p][q] != 0 {
                // The rotation that zeroes a[p][q].
                let theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
                let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                let c = 1 / (t * t + 1).squareRoot(), s = t * c
                for k in 0..<size {
                    let kp = a[k][p], kq = a[k][q]
                    a[k][p] = c * kp - s * kq
                    a[k][q] = s * kp + c * kq
                }
                for k in 0..<size {
                    let pk = a[p][k], qk = a[q][k]
                    a[p][k] = c * pk - s * qk
                    a[q][k] = s * pk + c * qk
                }
                for k in 0..<size {
                    let kp = v[k][p], kq = v[k][q]
                    v[k][p] = c * kp - s * kq
                    v[k][q] = s * kp + c * kq
                }
            }
        }
    }
    return ((0..<size).map { a[$0][$0] }, v)
}
