import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsEnum, ValidateIf } from 'class-validator';
import { CompanyAddOn, CompanyTier } from 'src/common/auth/principal';

/** Platform support sets a company's subscription; each field left out stays as it is. */
export class UpdateSubscriptionDto {
  @ApiPropertyOptional({ enum: CompanyTier })
  @ValidateIf((o: UpdateSubscriptionDto) => o.tier !== undefined)
  @IsEnum(CompanyTier)
  tier?: CompanyTier;

  @ApiPropertyOptional({
    enum: CompanyAddOn,
    isArray: true,
    example: [CompanyAddOn.PartnerFeatures],
    description: 'The whole list of add-ons; an empty list removes them all',
  })
  @ValidateIf((o: UpdateSubscriptionDto) => o.add_ons !== undefined)
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsEnum(CompanyAddOn, { each: true })
  add_ons?: CompanyAddOn[];
}
