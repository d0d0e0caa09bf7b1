//! Trusted timestamps (RFC 3161) for evidence bundles.
//!
//! A bundle proves that nothing changed since it was made, not when it
//! existed. So each export carries `timestamp.tsq`, a request over the
//! SHA-256 of its `manifest.json`; the user sends it to a timestamp
//! authority of their choosing (Brand Radar sends nothing) and drops the
//! reply, `timestamp.tsr`, into the bundle. [`check`] then shows that the
//! reply answers that request, that the stamped hash is the manifest's, and
//! that the authority's signature chains to a certificate the user trusts,
//! and reads the stamped time.
//!
//! The ASN.1 is RustCrypto's (`x509-tsp`, `cms`, `x509-cert`, `der`); the
//! signatures are checked with `rsa` (PKCS #1 v1.5) and `p256` (ECDSA).

use der::asn1::{Int, OctetString};
use der::oid::db::rfc5912::ID_SHA_256;
use der::{Any, Encode};
use spki::AlgorithmIdentifier;
use x509_tsp::{MessageImprint, TimeStampReq, TspVersion};

/// The request's file name in a bundle.
pub const REQUEST_FILE: &str = "timestamp.tsq";
/// The reply's file name in a bundle: added after export, so never listed
/// in `SHA256SUMS` (it is checked by its own signature instead).
pub const REPLY_FILE: &str = "timestamp.tsr";

/// The DER `TimeStampReq` for a SHA-256 `digest`, with `nonce` (up to 8
/// bytes, made positive) and the authority's certificate asked for.
///
/// # Panics
/// Never: the request's parts are fixed sizes that always encode.
pub fn request(digest: &[u8; 32], nonce: &[u8]) -> Vec<u8> {
    let mut n: Vec<u8> = nonce.iter().take(8).copied().collect();
    if n.is_empty() {
        n.push(1);
    }
    // A positive INTEGER in its shortest form: no high bit, no leading zero.
    n[0] = (n[0] & 0x7f).max(1);
    let req = TimeStampReq {
        version: TspVersion::V1,
        message_imprint: MessageImprint {
            hash_algorithm: AlgorithmIdentifier {
                oid: ID_SHA_256,
                parameters: Some(Any::null()),
            },
            hashed_message: OctetString::new(digest.to_vec()).expect("32 bytes"),
        },
        req_policy: None,
        nonce: Some(Int::new(&n).expect("8 bytes")),
        cert_req: true,
        extensions: None,
    };
    req.to_der().expect("a fixed-size request encodes")
}

#[cfg(not(target_arch = "wasm32"))]
pub use check::{check, Stamp};

#[cfg(not(target_arch = "wasm32"))]
mod check {
    use super::*;
    use cms::content_info::ContentInfo;
    use cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier, SignerInfo, SignerInfos};
    use der::oid::ObjectIdentifier;
    use der::Decode;
    use der::{Reader, Tagged};
    use sha2::{Digest, Sha256};
    use x509_cert::ext::pkix::{ExtendedKeyUsage, SubjectKeyIdentifier};
    use x509_cert::Certificate;
    use x509_tsp::{TimeStampResp, TstInfo};

    const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
    const ID_CT_TST_INFO: ObjectIdentifier =
        ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.1.4");
    const ID_MESSAGE_DIGEST: ObjectIdentifier =
        ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
    const ID_KP_TIME_STAMPING: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.8");
    const ID_CE_EXT_KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.37");
    const ID_CE_SUBJECT_KEY_IDENTIFIER: ObjectIdentifier =
        ObjectIdentifier::new_unwrap("2.5.29.14");
    const RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
    const RSA_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
    const ECDSA_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");

    /// A reply that checks out.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Stamp {
        /// The stamped time, UTC, as the authority wrote it (ISO 8601).
        pub time: String,
        /// The authority's certificate subject.
        pub authority: String,
    }

    fn sha256(bytes: &[u8]) -> Vec<u8> {
        Sha256::digest(bytes).to_vec()
    }

    /// Checks `reply` (`timestamp.tsr`) against `request` (`timestamp.tsq`),
    /// `manifest` (the bytes of `manifest.json`) and `trusted` (PEM or DER
    /// certificates of the authority or its CA).
    ///
    /// # Errors
    /// What does not hold, in a sentence: unreadable, not granted, a reply to
    /// another request, a hash that is not the manifest's, a bad signature,
    /// a signer the trusted certificates did not issue.
    pub fn check(
        request: &[u8],
        reply: &[u8],
        manifest: &[u8],
        trusted: &[u8],
    ) -> Result<Stamp, String> {
        let req = TimeStampReq::from_der(request)
            .map_err(|e| format!("{REQUEST_FILE}: not a timestamp request ({e})"))?;
        let resp = TimeStampResp::from_der(reply)
            .map_err(|e| format!("{REPLY_FILE}: not a timestamp reply ({e})"))?;
        let status = resp.status.status as u8;
        if status > 1 {
            return Err(format!(
                "{REPLY_FILE}: the authority did not grant the timestamp (status {status})"
            ));
        }
        let token = resp
            .time_stamp_token
            .ok_or_else(|| format!("{REPLY_FILE}: no timestamp token"))?;
        let signed = signed_data(&token)?;
        let econtent = signed
            .encap_content_info
            .econtent
            .as_ref()
            .filter(|_| signed.encap_content_info.econtent_type == ID_CT_TST_INFO)
            .ok_or_else(|| format!("{REPLY_FILE}: the token holds no TSTInfo"))?;
        let tst_bytes = econtent.value();
        let tst = TstInfo::from_der(tst_bytes)
            .map_err(|e| format!("{REPLY_FILE}: unreadable TSTInfo ({e})"))?;

        // The reply answers this request, over this manifest.
        if tst.message_imprint != req.message_imprint || tst.nonce != req.nonce {
            return Err(format!(
                "{REPLY_FILE} answers another request, not this bundle's {REQUEST_FILE}"
            ));
        }
        if req.message_imprint.hash_algorithm.oid != ID_SHA_256
            || req.message_imprint.hashed_message.as_bytes() != sha256(manifest).as_slice()
        {
            return Err(format!(
                "{REQUEST_FILE} is not over this manifest.json (the manifest changed)"
            ));
        }

        // The authority signed it.
        let signer = signed
            .signer_infos
            .0
            .get(0)
            .ok_or_else(|| format!("{REPLY_FILE}: no signer"))?;
        let cert = signer_cert(&signed, signer)?;
        let attrs = signer
            .signed_attrs
            .as_ref()
            .ok_or_else(|| format!("{REPLY_FILE}: no signed attributes"))?;
        let digest = attrs
            .iter()
            .find(|a| a.oid == ID_MESSAGE_DIGEST)
            .and_then(|a| a.values.get(0))
            .and_then(|v| OctetString::from_der(&v.to_der().ok()?).ok())
            .ok_or_else(|| format!("{REPLY_FILE}: no message digest"))?;
        if signer.digest_alg.oid != ID_SHA_256 || digest.as_bytes() != sha256(tst_bytes).as_slice()
        {
            return Err(format!(
                "{REPLY_FILE}: the signed digest does not match the token (altered)"
            ));
        }
        let signed_attrs = attrs.to_der().map_err(|e| e.to_string())?;
        verify(
            &cert,
            &signer.signature_algorithm.oid,
            &signed_attrs,
            signer.signature.as_bytes(),
        )
        .map_err(|e| format!("{REPLY_FILE}: the authority's signature does not verify ({e})"))?;
        if !time_stamping(&cert) {
            return Err(format!(
                "{REPLY_FILE}: the signer's certificate is not for timestamping"
            ));
        }

        // And the user trusts the authority.
        let anchors = certificates(trusted)?;
        let trusted_signer = anchors.iter().any(|a| {
            a == &cert
                || (a.tbs_certificate.subject == cert.tbs_certificate.issuer
                    && issued(a, &cert).is_ok())
        });
        if !trusted_signer {
            return Err(format!(
                "{REPLY_FILE}: signed by {}, which the given certificate did not issue (untrusted)",
                cert.tbs_certificate.subject
            ));
        }
        Ok(Stamp {
            time: tst.gen_time.to_date_time().to_string(),
            authority: cert.tbs_certificate.subject.to_string(),
        })
    }

    /// What a token's signed data holds that the check needs.
    struct Signed {
        encap_content_info: EncapsulatedContentInfo,
        certificates: Vec<Certificate>,
        signer_infos: SignerInfos,
    }

    /// Reads the token's signed data element by element rather than as
    /// `cms::SignedData`: OpenSSL's TSAs list the signer's certificate twice
    /// in the certificate SET (once as signer, once from `certs`), which a
    /// strict DER decoder refuses, and the certificates need no order.
    fn signed_data(token: &ContentInfo) -> Result<Signed, String> {
        let bad = |e: der::Error| format!("{REPLY_FILE}: unreadable signed data ({e})");
        if token.content_type != ID_SIGNED_DATA {
            return Err(format!("{REPLY_FILE}: the token is not signed data"));
        }
        if token.content.tag() != der::Tag::Sequence {
            return Err(format!("{REPLY_FILE}: the signed data is not a SEQUENCE"));
        }
        let mut reader = der::SliceReader::new(token.content.value()).map_err(bad)?;
        let _version = Any::decode(&mut reader).map_err(bad)?;
        let _digest_algorithms = Any::decode(&mut reader).map_err(bad)?;
        let encap_content_info = EncapsulatedContentInfo::decode(&mut reader).map_err(bad)?;
        let mut certificates = Vec::new();
        let mut last = Any::decode(&mut reader).map_err(bad)?;
        while last.tag().is_context_specific() {
            if last.tag().octet() & 0x1f == 0 {
                let mut certs = der::SliceReader::new(last.value()).map_err(bad)?;
                while !certs.is_finished() {
                    // Other certificate formats ([3]) are skipped.
                    let any = Any::decode(&mut certs).map_err(bad)?;
                    if any.tag() == der::Tag::Sequence {
                        certificates.push(any.decode_as::<Certificate>().map_err(bad)?);
                    }
                }
            }
            last = Any::decode(&mut reader).map_err(bad)?;
        }
        let signer_infos = last.decode_as::<SignerInfos>().map_err(bad)?;
        Ok(Signed {
            encap_content_info,
            certificates,
            signer_infos,
        })
    }

    /// The certificate in the token that `signer` names.
    fn signer_cert(signed: &Signed, signer: &SignerInfo) -> Result<Certificate, String> {
        signed
            .certificates
            .iter()
            .find(|c| match &signer.sid {
                SignerIdentifier::IssuerAndSerialNumber(id) => {
                    c.tbs_certificate.issuer == id.issuer
                        && c.tbs_certificate.serial_number == id.serial_number
                }
                SignerIdentifier::SubjectKeyIdentifier(ski) => c
                    .tbs_certificate
                    .extensions
                    .iter()
                    .flatten()
                    .filter(|e| e.extn_id == ID_CE_SUBJECT_KEY_IDENTIFIER)
                    .any(|e| {
                        SubjectKeyIdentifier::from_der(e.extn_value.as_bytes())
                            .ok()
                            .as_ref()
                            == Some(ski)
                    }),
            })
            .cloned()
            .ok_or_else(|| {
                format!(
                    "{REPLY_FILE}: the signer's certificate is not in the reply (ask with certReq)"
                )
            })
    }

    /// Whether `cert` may sign timestamps (RFC 3161 §2.3: extended key usage
    /// id-kp-timeStamping).
    fn time_stamping(cert: &Certificate) -> bool {
        cert.tbs_certificate
            .extensions
            .iter()
            .flatten()
            .filter(|e| e.extn_id == ID_CE_EXT_KEY_USAGE)
            .any(|e| {
                ExtendedKeyUsage::from_der(e.extn_value.as_bytes())
                    .map(|u| u.0.contains(&ID_KP_TIME_STAMPING))
                    .unwrap_or(false)
            })
    }

    /// Whether `issuer`'s key signed `cert`.
    fn issued(issuer: &Certificate, cert: &Certificate) -> Result<(), String> {
        let tbs = cert.tbs_certificate.to_der().map_err(|e| e.to_string())?;
        let sig = cert
            .signature
            .as_bytes()
            .ok_or("certificate signature is not whole bytes")?;
        verify(issuer, &cert.signature_algorithm.oid, &tbs, sig)
    }

    /// Verifies `sig` over `message` (SHA-256) with `cert`'s public key.
    fn verify(
        cert: &Certificate,
        alg: &ObjectIdentifier,
        message: &[u8],
        sig: &[u8],
    ) -> Result<(), String> {
        use p256::ecdsa::signature::hazmat::PrehashVerifier;
        use rsa::pkcs8::DecodePublicKey;
        let spki = cert
            .tbs_certificate
            .subject_public_key_info
            .to_der()
            .map_err(|e| e.to_string())?;
        let hash = sha256(message);
        match *alg {
            RSA | RSA_SHA256 => {
                let key = rsa::RsaPublicKey::from_public_key_der(&spki)
                    .map_err(|e| format!("not an RSA key ({e})"))?;
                key.verify(rsa::Pkcs1v15Sign::new::<rsa_sha2::Sha256>(), &hash, sig)
                    .map_err(|e| e.to_string())
            }
            ECDSA_SHA256 => {
                let key = p256::ecdsa::VerifyingKey::from_public_key_der(&spki)
                    .map_err(|e| format!("not a P-256 key ({e})"))?;
                let sig = p256::ecdsa::Signature::from_der(sig).map_err(|e| e.to_string())?;
                key.verify_prehash(&hash, &sig).map_err(|e| e.to_string())
            }
            other => Err(format!("signature algorithm {other} is not supported")),
        }
    }

    /// Every certificate in `pem_or_der`: PEM blocks, or one DER certificate.
    fn certificates(pem_or_der: &[u8]) -> Result<Vec<Certificate>, String> {
        let certs = if pem_or_der.starts_with(b"-----")
            || pem_or_der.windows(11).any(|w| w == b"-----BEGIN ")
        {
            Certificate::load_pem_chain(pem_or_der).map_err(|e| e.to_string())
        } else {
            Certificate::from_der(pem_or_der)
                .map(|c| vec![c])
                .map_err(|e| e.to_string())
        };
        match certs {
            Ok(c) if !c.is_empty() => Ok(c),
            Ok(_) => Err("no certificate in the trusted file".into()),
            Err(e) => Err(format!("the trusted certificate is unreadable ({e})")),
        }
    }
}
