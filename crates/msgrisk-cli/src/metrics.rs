//! Confusion counts and the figures researchers compare: precision, recall,
//! F1, F0.5, false-positive rate.

use serde_json::{json, Value};

/// Counts of a binary decision against labels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Confusion {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub tn: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl Confusion {
    pub fn add(&mut self, predicted: bool, actual: bool) {
        match (predicted, actual) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, true) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }

    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub fn fpr(&self) -> f64 {
        ratio(self.fp, self.fp + self.tn)
    }

    /// F-beta: beta < 1 weighs precision more (F0.5, the PAN 2012 measure).
    pub fn f_beta(&self, beta: f64) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        let b2 = beta * beta;
        if p + r == 0.0 {
            0.0
        } else {
            (1.0 + b2) * p * r / (b2 * p + r)
        }
    }

    pub fn to_json(self) -> Value {
        json!({
            "precision": round(self.precision()),
            "recall": round(self.recall()),
            "f1": round(self.f_beta(1.0)),
            "f05": round(self.f_beta(0.5)),
            "fpr": round(self.fpr()),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn_,
            "tn": self.tn,
        })
    }

    /// One line for people.
    pub fn summary(&self) -> String {
        format!(
            "precision {:.3}  recall {:.3}  F1 {:.3}  F0.5 {:.3}  FPR {:.3}  (tp {} fp {} fn {} tn {})",
            self.precision(),
            self.recall(),
            self.f_beta(1.0),
            self.f_beta(0.5),
            self.fpr(),
            self.tp,
            self.fp,
            self.fn_,
            self.tn
        )
    }
}

pub(crate) fn round(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_from_counts() {
        let c = Confusion { tp: 8, fp: 2, fn_: 2, tn: 88 };
        assert!((c.precision() - 0.8).abs() < 1e-12);
        assert!((c.recall() - 0.8).abs() < 1e-12);
        assert!((c.f_beta(1.0) - 0.8).abs() < 1e-12);
        assert!((c.fpr() - 2.0 / 90.0).abs() < 1e-12);
        let d = Confusion { tp: 1, fp: 0, fn_: 3, tn: 0 };
        // F0.5 = 1.25 * 1 * 0.25 / (0.25 * 1 + 0.25)
        assert!((d.f_beta(0.5) - 0.625).abs() < 1e-12);
        assert_eq!(Confusion::default().precision(), 0.0);
    }
}
