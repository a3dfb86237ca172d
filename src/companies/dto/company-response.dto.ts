import { ApiProperty } from '@nestjs/swagger';
import { CompanyAddOn, CompanyTier } from 'src/common/auth/principal';
import { CompanyView } from 'src/companies/companies.types';

export class CompanyResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) website!: string | null;
  @ApiProperty({ type: String, nullable: true }) telephone!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Shown to every user of the company; null when there is none',
  })
  banner!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parent_company_id!: string | null;
  @ApiProperty({ enum: CompanyTier }) tier!: CompanyTier;
  @ApiProperty() created_at!: string;

  static from(company: CompanyView): CompanyResponseDto {
    return {
      id: company.id,
      name: company.name,
      website: company.website,
      telephone: company.telephone,
      email: company.email,
      banner: company.banner,
      parent_company_id: company.parentCompanyId,
      tier: company.tier,
      created_at: company.createdAt.toISOString(),
    };
  }
}

/** What platform support sees: the profile and the subscription. */
export class SupportCompanyResponseDto extends CompanyResponseDto {
  @ApiProperty({ enum: CompanyAddOn, isArray: true }) add_ons!: string[];

  static override from(company: CompanyView): SupportCompanyResponseDto {
    return { ...CompanyResponseDto.from(company), add_ons: [...company.addOns] };
  }
}
