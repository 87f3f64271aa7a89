//! [`code_enum!`]: an enum whose values are stored and sent as short codes ("voting",
//! "paper"), with `ALL`, `as_str` and `parse` written once instead of by hand for each enum.

/// Declares an enum of codes. The enum derives `Debug, Clone, Copy, PartialEq, Eq, Hash`;
/// more derives and doc comments go on it and on its variants as usual.
///
/// ```
/// domain::code_enum! {
///     /// A traffic light.
///     pub enum Light {
///         /// Stop.
///         Red = "red",
///         Green = "green",
///     }
/// }
/// assert_eq!(Light::parse("green"), Some(Light::Green));
/// assert_eq!(Light::Red.as_str(), "red");
/// assert_eq!(Light::ALL.len(), 2);
/// ```
#[macro_export]
macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: [$name; $crate::code_enum!(@count $($variant)+)] = [$($name::$variant),+];

            /// The code stored in the database and sent in forms and JSON.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $code ),+
                }
            }

            /// The value of a code; `None` for anything else.
            pub fn parse(s: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|v| v.as_str() == s)
            }
        }
    };
    (@count) => { 0usize };
    (@count $head:ident $($tail:ident)*) => { 1usize + $crate::code_enum!(@count $($tail)*) };
}
