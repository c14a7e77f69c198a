package org.ordersystem.services.shipping;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.ordersystem.proto.shipping.v1.Address;
import org.ordersystem.services.common.FailureReason;

/**
 * Decides whether the carrier can deliver to an address. Failures are INVALID_ARGUMENT with {@code
 * INVALID_ADDRESS}, naming the field.
 *
 * <p>Served countries and their postal codes: JP {@code 123-4567} or {@code 1234567}, KR {@code
 * 12345}, SG {@code 123456}, TW {@code 123}, {@code 12345} or {@code 123456}, US {@code 12345} or
 * {@code 12345-6789}.
 */
final class AddressValidator {

  static final int MAX_NAME_LENGTH = 100;
  static final int MAX_REGION_LENGTH = 100;
  static final int MAX_LINE_LENGTH = 200;

  private static final Map<String, Pattern> POSTAL_CODES =
      new TreeMap<>(
          Map.of(
              "JP", Pattern.compile("\\d{3}-?\\d{4}"),
              "KR", Pattern.compile("\\d{5}"),
              "SG", Pattern.compile("\\d{6}"),
              "TW", Pattern.compile("\\d{3}(\\d{2,3})?"),
              "US", Pattern.compile("\\d{5}(-\\d{4})?")));

  private AddressValidator() {}

  static void validate(Address address) {
    requireText("name", address.getName(), MAX_NAME_LENGTH);
    requireText("region", address.getRegion(), MAX_REGION_LENGTH);
    requireText("line1", address.getLine1(), MAX_LINE_LENGTH);
    if (!address.getLine2().isEmpty()) {
      requireText("line2", address.getLine2(), MAX_LINE_LENGTH);
    }
    Pattern postalCode = POSTAL_CODES.get(address.getCountry());
    if (postalCode == null) {
      throw invalid(
          "country '"
              + address.getCountry()
              + "' is not served; served countries are "
              + String.join(", ", POSTAL_CODES.keySet()));
    }
    if (!postalCode.matcher(address.getPostalCode()).matches()) {
      throw invalid(
          "postal code '"
              + address.getPostalCode()
              + "' is not a valid "
              + address.getCountry()
              + " postal code");
    }
  }

  private static void requireText(String field, String value, int maxLength) {
    if (value.isBlank()) {
      throw invalid(field + " is required");
    }
    if (value.length() > maxLength) {
      throw invalid(field + " is longer than " + maxLength + " characters");
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw invalid(field + " contains control characters");
    }
  }

  private static RuntimeException invalid(String detail) {
    return FailureReason.INVALID_ADDRESS.exception(detail);
  }
}
