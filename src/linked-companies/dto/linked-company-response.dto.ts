import { ApiProperty } from '@nestjs/swagger';
import { CompanyTier } from 'src/common/auth/principal';
import { ListMetaDto } from 'src/common/http/list-query';
import { CompanyView } from 'src/companies/companies.types';

export class LinkedCompanyResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) website!: string | null;
  @ApiProperty({ type: String, nullable: true }) telephone!: string | null;
  @ApiProperty({ enum: CompanyTier }) tier!: CompanyTier;
  @ApiProperty({ type: String, format: 'uuid' }) parent_company_id!: string | null;
  @ApiProperty() created_at!: string;
  @ApiProperty({
    description: 'Whether the caller may switch into it: a manager or administrator with a grant',
  })
  can_manage!: boolean;

  static from(company: CompanyView, canManage: boolean): LinkedCompanyResponseDto {
    return {
      id: company.id,
      name: company.name,
      email: company.email,
      website: company.website,
      telephone: company.telephone,
      tier: company.tier,
      parent_company_id: company.parentCompanyId,
      created_at: company.createdAt.toISOString(),
      can_manage: canManage,
    };
  }
}

export class LinkedCompanyListResponseDto {
  @ApiProperty({ type: LinkedCompanyResponseDto, isArray: true }) data!: LinkedCompanyResponseDto[];
  @ApiProperty({ type: ListMetaDto }) meta!: ListMetaDto;
}
